namespace Herald.Inbound;

/// <summary>
/// What one inbound mail came to: its <see cref="Kind"/> ("subscribe", "unsubscribe", "help" or "ignored", as
/// counted by <c>herald stats</c>) and, in a sentence, what was done or why nothing was.
/// </summary>
public sealed record InboundOutcome(string Kind, string Result)
{
    public const string Subscribe = "subscribe";
    public const string Unsubscribe = "unsubscribe";
    public const string Help = "help";
    public const string Ignored = "ignored";

    public static IReadOnlyList<string> Kinds { get; } = [Subscribe, Unsubscribe, Help, Ignored];
}
