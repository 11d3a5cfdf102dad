namespace Herald.Summarizing;

/// <summary>The summarizer's few global settings (see README, "Summarizing", for how they were chosen).</summary>
public sealed record SentencePickerSettings
{
    public static readonly SentencePickerSettings Default = new();

    /// <summary>Weight of position against centrality (the rest).</summary>
    public double PositionWeight { get; init; } = 0.5;

    /// <summary>Position prior 1 / (index + 1)^decay.</summary>
    public double PositionDecay { get; init; } = 0.5;

    /// <summary>A sentence this similar (cosine) to a chosen one is redundant.</summary>
    public double Redundancy { get; init; } = 0.5;

    /// <summary>Centrality relative to the article's most central sentence (1.0), so it is on the same scale as position.</summary>
    public bool RelativeCentrality { get; init; } = true;

    public int ShortSentenceWords { get; init; } = 6;
    public int LongSentenceWords { get; init; } = 50;
}
