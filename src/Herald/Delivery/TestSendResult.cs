namespace Herald.Delivery;

/// <summary>What "herald send-test" did.</summary>
public abstract record TestSendResult
{
    public sealed record Sent(string EditionId, string Address) : TestSendResult;

    /// <summary>Nothing was sent; a usage error is the caller's (a bad address), otherwise the transport's or the edition's.</summary>
    public sealed record NotSent(string Reason, bool IsUsageError) : TestSendResult;
}
