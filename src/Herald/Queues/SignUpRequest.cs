namespace Herald.Queues;

/// <summary>
/// A sign-up as the form or API received it (the address already normalized): answered at once, processed from the
/// queue, so that the answer and its timing are the same whether the address is new, pending, active or gone.
/// <paramref name="RequestId"/> tells this request's retries from another request for the same address.
/// </summary>
public sealed record SignUpRequest(string NewsletterId, string Email, string? Name, string Source, string? IpHash, DateTimeOffset RequestedAt, string? RequestId = null);
