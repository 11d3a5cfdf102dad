using System.ComponentModel.DataAnnotations;

namespace Herald.Configuration;

/// <summary>A section of a newsletter's digest: a heading and the tags that put a story under it.</summary>
public sealed class SectionOptions
{
    [Required]
    public string Title { get; set; } = "";

    [Required, MinLength(1)]
    public List<string> Tags { get; set; } = [];
}
