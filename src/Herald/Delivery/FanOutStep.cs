namespace Herald.Delivery;

/// <summary>Where a fan-out stands after a step.</summary>
public enum FanOutStep
{
    /// <summary>The step is done (a batch cut by this run, or the list read to its end).</summary>
    Done,

    /// <summary>An earlier, interrupted run had cut this batch already: read the fan-out record again and go on from it.</summary>
    Restart,

    /// <summary>Another write to the fan-out record came first: another fan-out may be at work.</summary>
    Contended,
}
