namespace Herald.Configuration;

/// <summary>
/// Adds <see cref="Tag"/> when the article's score reaches <see cref="Threshold"/>. Every match of a keyword (a
/// whole word), a phrase or a regular expression adds <see cref="Weight"/>, twice over when it is in the title.
/// </summary>
public sealed class TagRule
{
    public string Tag { get; set; } = "";
    public List<string> Keywords { get; set; } = [];
    public List<string> Phrases { get; set; } = [];
    public List<string> Patterns { get; set; } = [];
    public double Weight { get; set; } = 1;
    public double Threshold { get; set; } = 2;
}
