using Herald.Editions.Rendering;
namespace Herald.Editions;

/// <summary>
/// One issue of a newsletter: one slot of its schedule, stored once as "{newsletter}/{slot}.json" in the editions
/// container — its HTML and text (with personal-link markers) and a manifest of its stories for the archive.
/// </summary>
public sealed record Edition
{
    public required string Id { get; init; }
    public required string NewsletterId { get; init; }

    /// <summary>The slot's key, "2026-11-25-0600" (local time in <see cref="TimeZone"/>).</summary>
    public required string Slot { get; init; }

    /// <summary>The slot's instant.</summary>
    public required DateTimeOffset SlotAt { get; init; }

    /// <summary>The slot's local date, as the masthead shows it.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>IANA time zone of the slot and of every time the digest shows.</summary>
    public string TimeZone { get; init; } = "UTC";

    public required DateTimeOffset WindowStart { get; init; }
    public required DateTimeOffset WindowEnd { get; init; }
    public required IReadOnlyList<string> ArticleIds { get; init; }

    /// <summary>How many stories the articles make once reports of the same event are grouped.</summary>
    public int Stories { get; init; }
    public required string Subject { get; init; }

    /// <summary>The hidden line mail clients show after the subject.</summary>
    public string Preheader { get; init; } = "";

    /// <summary>HTML and text with personal-link placeholders; each recipient's links replace them at send time.</summary>
    public required string Html { get; init; }
    public required string Text { get; init; }

    /// <summary>The stories, in the order the digest shows them: the archive's JSON and feed, and what later editions leave out.</summary>
    public IReadOnlyList<EditionStory> Manifest { get; init; } = [];

    public EditionStatus Status { get; init; } = EditionStatus.Built;
    public int Recipients { get; init; }
    public int Batches { get; init; }
    public required DateTimeOffset BuiltAt { get; init; }
    public DateTimeOffset? QueuedAt { get; init; }
}
