namespace Herald.Collecting;

/// <summary>Where a collection run spent its time, summed over parallel work.</summary>
public sealed class CollectTimings
{
    private long _feedTicks, _parseTicks, _pageTicks, _extractTicks, _storeTicks;

    public TimeSpan Feeds => TimeSpan.FromTicks(_feedTicks);
    public TimeSpan Parsing => TimeSpan.FromTicks(_parseTicks);
    public TimeSpan Pages => TimeSpan.FromTicks(_pageTicks);
    public TimeSpan ExtractionAndTagging => TimeSpan.FromTicks(_extractTicks);
    public TimeSpan Storage => TimeSpan.FromTicks(_storeTicks);

    internal void AddFeed(TimeSpan t) => Interlocked.Add(ref _feedTicks, t.Ticks);
    internal void AddParse(TimeSpan t) => Interlocked.Add(ref _parseTicks, t.Ticks);
    internal void AddPage(TimeSpan t) => Interlocked.Add(ref _pageTicks, t.Ticks);
    internal void AddExtract(TimeSpan t) => Interlocked.Add(ref _extractTicks, t.Ticks);
    internal void AddStore(TimeSpan t) => Interlocked.Add(ref _storeTicks, t.Ticks);
}
