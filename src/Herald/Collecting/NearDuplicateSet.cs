namespace Herald.Collecting;

/// <summary>
/// The fingerprints of recently stored articles, loaded once per collection run from the article index and kept
/// in memory: a lookup costs no storage request. Claiming a fingerprint is atomic, so two copies of one story
/// collected at the same moment by parallel feeds cannot both be stored, and the copy waits until the claimed
/// original is written before recording itself as its source. (The collect timer runs on one instance at a time,
/// so one process sees every claim of its run.)
/// </summary>
public sealed class NearDuplicateSet(IEnumerable<(string Id, string BlobName, ulong Fingerprint)> stored, int maxBits)
{
    private sealed record Entry(string Id, string BlobName, ulong Fingerprint, Task<bool> Stored);

    private readonly List<Entry> _entries = [.. stored.Select(s => new Entry(s.Id, s.BlobName, s.Fingerprint, Task.FromResult(true)))];
    private readonly Lock _gate = new();

    /// <summary>The result of a lookup: either a twin to wait for, or this article's own claim to settle.</summary>
    public sealed class Lookup
    {
        internal TaskCompletionSource<bool>? Claim { get; init; }

        /// <summary>Blob of the stored (or being stored) near-duplicate; null when this article is the first of its kind.</summary>
        public string? TwinBlobName { get; init; }

        /// <summary>Completes true once the twin is stored, false if storing it failed.</summary>
        public Task<bool> TwinStored { get; init; } = Task.FromResult(false);

        /// <summary>For a claim: the article was stored (true) or not (false; the claim is withdrawn).</summary>
        public void Settle(bool stored) => Claim?.TrySetResult(stored);
    }

    public Lookup FindOrClaim(string id, string blobName, ulong fingerprint, IReadOnlySet<string>? ignore = null)
    {
        lock (_gate)
        {
            Entry? best = null;
            var bestDistance = int.MaxValue;
            foreach (var entry in _entries)
            {
                var distance = SimHash.Distance(fingerprint, entry.Fingerprint);
                if (entry.Id != id && distance <= maxBits && distance < bestDistance && !(entry.Stored.IsCompleted && !entry.Stored.Result) && ignore?.Contains(entry.BlobName) != true)
                {
                    (best, bestDistance) = (entry, distance);
                }
            }

            if (best is not null)
            {
                return new Lookup { TwinBlobName = best.BlobName, TwinStored = best.Stored };
            }

            var claim = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _entries.Add(new Entry(id, blobName, fingerprint, claim.Task));
            return new Lookup { Claim = claim };
        }
    }
}
