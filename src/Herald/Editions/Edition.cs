namespace Herald.Editions;

/// <summary>One issue of a newsletter, stored as "{newsletter}/{yyyy-MM-dd}.json" in the editions container.</summary>
public sealed record Edition
{
    public required string Id { get; init; }
    public required string NewsletterId { get; init; }
    public required DateOnly Date { get; init; }
    public required DateTimeOffset WindowStart { get; init; }
    public required DateTimeOffset WindowEnd { get; init; }
    public required IReadOnlyList<string> ArticleIds { get; init; }

    /// <summary>How many stories the articles make once reports of the same event are grouped.</summary>
    public int Stories { get; init; }
    public required string Subject { get; init; }

    /// <summary>HTML and text with personal-link placeholders; each recipient's links replace them at send time.</summary>
    public required string Html { get; init; }
    public required string Text { get; init; }

    public EditionStatus Status { get; init; } = EditionStatus.Built;
    public int Recipients { get; init; }
    public int Batches { get; init; }
    public required DateTimeOffset BuiltAt { get; init; }
    public DateTimeOffset? QueuedAt { get; init; }
}
