namespace Herald.Editions;

/// <summary>How far handing an edition to its readers got: the recipients and send batches recorded so far, and whether that is all of them.</summary>
public sealed record FanOutProgress(int Recipients, int Batches, bool Complete);
