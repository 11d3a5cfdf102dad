namespace Herald.Mail;

/// <summary>
/// What a transport did with a request. The first <see cref="Handled"/> recipients were dealt with (handed over, or
/// refused when their index is in <see cref="Refused"/>); <see cref="Outcome"/> says what became of the rest.
/// </summary>
public sealed record TransportResult(int Handled, TransportOutcome Outcome, string? Reason = null, TimeSpan? RetryAfter = null, IReadOnlyDictionary<int, string>? Refused = null)
{
    public static TransportResult Sent(int count) => new(count, TransportOutcome.Done);

    public IReadOnlyDictionary<int, string> RefusedRecipients => Refused ?? new Dictionary<int, string>();
}
