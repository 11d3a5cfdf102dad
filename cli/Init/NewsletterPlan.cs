namespace Herald.Cli.Init;

/// <summary>What "herald init" makes a newsletter of: asked on a terminal, or given as options.</summary>
public sealed record NewsletterPlan
{
    public required string Directory { get; init; }
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";

    /// <summary>Each feed (an address or a file) with the name its check found.</summary>
    public required IReadOnlyList<(string Feed, string Name)> Feeds { get; init; }

    /// <summary>Feed categories that put an article in; none: every article of these feeds goes in.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Words that put an article in wherever it comes from (a tagging rule); none: no rule.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    public required string TimeZone { get; init; }
    public required string Schedule { get; init; }
    public required string FromAddress { get; init; }
    public required string PostalAddress { get; init; }

    /// <summary>Readers who consented already (the operator, a colleague): "herald run" adds them and mails them.</summary>
    public IReadOnlyList<string> Subscribers { get; init; } = [];

    /// <summary>The feeds are on the operator's own network (loopback or private addresses).</summary>
    public bool AllowPrivateNetwork { get; init; }
}
