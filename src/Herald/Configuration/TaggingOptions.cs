namespace Herald.Configuration;

/// <summary>"Herald:Tagging": rules that add tags from an article's words, and spellings that mean the same tag.</summary>
public sealed class TaggingOptions
{
    public List<TagRule> Rules { get; set; } = [];

    /// <summary>Tag synonyms, e.g. "potus": "white-house". Keys and values are normalized like any tag.</summary>
    public Dictionary<string, string> Synonyms { get; set; } = [];
}
