namespace Herald.Testing;

/// <summary>The faults a <see cref="SendGridSink"/> answers with instead of accepting.</summary>
public enum SinkFault
{
    Throttle,
    ServerError,
    DropConnection,
    Stall,
}
