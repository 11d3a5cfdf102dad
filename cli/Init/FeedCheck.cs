namespace Herald.Cli.Init;

/// <summary>What checking a feed found: whether it reads, its title, how many items, the tags its items carry; else why not.</summary>
public sealed record FeedCheck(bool Reads, string Title, int Items, IReadOnlyList<string> Tags, string? Problem)
{
    public static FeedCheck Refused(string problem) => new(false, "", 0, [], problem);
}
