namespace Herald.Local;

/// <summary>
/// The system clock, moved so that it read <c>start</c> when the command began ("herald run --now 2026-11-26T11:00Z"):
/// demonstrations and tests walk through days without waiting for them. Time still passes at its own pace.
/// </summary>
public sealed class ShiftedTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _shift = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}
