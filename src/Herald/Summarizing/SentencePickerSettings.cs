namespace Herald.Summarizing;

/// <summary>The summarizer's few global settings (see README, "Summarizing", for how they were chosen).</summary>
public sealed record SentencePickerSettings
{
    /// <summary>
    /// The short summary's settings, chosen on realsumm-dev (whose references are three-sentence highlights, like the
    /// summary) and checked on xsum-50, which did not choose them (see README, "Summarizing").
    /// </summary>
    public static readonly SentencePickerSettings Default = new();

    /// <summary>
    /// The dek's: one sentence that says what the story is about leans on centrality more than a summary does. Chosen on
    /// xsum-50 (whose references are one sentence, like a dek) and checked on realsumm-dev, which did not choose them.
    /// </summary>
    public static readonly SentencePickerSettings Dek = new() { PositionWeight = 0.3, PositionDecay = 0.5, GraphCentrality = true, BackwardEdgeWeight = 1, Redundancy = 0.4 };

    /// <summary>Weight of position against centrality (the rest).</summary>
    public double PositionWeight { get; init; } = 0.6;

    /// <summary>Position prior 1 / (index + 1)^decay.</summary>
    public double PositionDecay { get; init; } = 1;

    /// <summary>A sentence this similar (cosine) to a chosen one is redundant.</summary>
    public double Redundancy { get; init; } = 0.4;

    /// <summary>Centrality relative to the article's most central sentence (1.0), so it is on the same scale as position.</summary>
    public bool RelativeCentrality { get; init; } = true;

    /// <summary>
    /// Centrality from the sentence graph instead of the centroid: each sentence scores its tf-idf cosine with every
    /// other, edges to later sentences counting 1 and edges to earlier ones <see cref="BackwardEdgeWeight"/> (a sentence
    /// that later ones echo is central; one that echoes earlier ones is a repetition), as in PACSUM.
    /// </summary>
    public bool GraphCentrality { get; init; }

    /// <summary>Weight of a graph edge to an earlier sentence (1: undirected degree; below 0: penalize repeating).</summary>
    public double BackwardEdgeWeight { get; init; } = 1.0;

    public int ShortSentenceWords { get; init; } = 6;
    public int LongSentenceWords { get; init; } = 50;
}
