using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Herald.Site.Http;

/// <summary>
/// Rate limits on sign-ups (System.Threading.RateLimiting, fixed windows): per client address, per email address,
/// and in all. They hold per instance: several instances each allow as much, and the store's own limit (one
/// confirmation per address per 15 minutes) holds across them.
/// </summary>
public sealed class SignUpLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perClient;
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly RateLimiter _total;

    public SignUpLimits(IOptions<SiteOptions> options)
    {
        var settings = options.Value;
        _perClient = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => Window(settings.SignUpsPerClientPerMinute, TimeSpan.FromMinutes(1))));
        _perAddress = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => Window(settings.SignUpsPerAddressPerHour, TimeSpan.FromHours(1))));
        _total = new FixedWindowRateLimiter(Window(settings.SignUpsPerMinute, TimeSpan.FromMinutes(1)));
    }

    /// <summary>Null when the client may sign up now; otherwise how long it should wait.</summary>
    public TimeSpan? ForClient(string client) => Acquire(_perClient.AttemptAcquire(client));

    /// <summary>Null when this address and the site as a whole may take another sign-up now; otherwise how long to wait.</summary>
    public TimeSpan? ForAddress(string address) => Acquire(_perAddress.AttemptAcquire(address.ToLowerInvariant())) ?? Acquire(_total.AttemptAcquire());

    public void Dispose()
    {
        _perClient.Dispose();
        _perAddress.Dispose();
        _total.Dispose();
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    private static TimeSpan? Acquire(RateLimitLease lease)
    {
        using (lease)
        {
            return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        }
    }
}
