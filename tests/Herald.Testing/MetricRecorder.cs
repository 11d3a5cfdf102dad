using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Herald.Telemetry;

namespace Herald.Testing;

/// <summary>
/// Records what one Herald host's "Herald" meter counts (tests run side by side, each with its own meter factory:
/// only instruments of this host's factory are listened to), summed by instrument and tags.
/// </summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);

    public MetricRecorder(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HeraldMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name + string.Concat(tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $" {t.Key}={t.Value}"));
            _totals.AddOrUpdate(key, value, (_, total) => total + value);
        });
        _listener.Start();
    }

    /// <summary>The sum for an instrument with exactly these tags ("herald.editions newsletter=x outcome=built").</summary>
    public long this[string key] => _totals.GetValueOrDefault(key);

    public IReadOnlyDictionary<string, long> All => _totals;

    public void Dispose() => _listener.Dispose();
}
