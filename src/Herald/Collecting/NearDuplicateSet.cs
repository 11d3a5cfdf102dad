namespace Herald.Collecting;

/// <summary>
/// The fingerprints of recently stored articles, loaded once per collection run from the article index and kept
/// in memory: a lookup costs no storage request. Claiming a fingerprint is atomic, so two copies of one story
/// collected at the same moment by parallel feeds cannot both be stored. (The collect timer runs on one instance
/// at a time, so one process sees every claim of its run.)
/// </summary>
public sealed class NearDuplicateSet(IEnumerable<(string Id, string BlobName, ulong Fingerprint)> stored, int maxBits)
{
    private readonly List<(string Id, string BlobName, ulong Fingerprint)> _entries = [.. stored];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// The blob of a stored (or just claimed) near-duplicate of <paramref name="fingerprint"/>; or null, in which
    /// case the fingerprint is now claimed for <paramref name="id"/>.
    /// </summary>
    public string? FindOrClaim(string id, string blobName, ulong fingerprint)
    {
        lock (_gate)
        {
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var (otherId, otherBlob, otherPrint) in _entries)
            {
                var distance = SimHash.Distance(fingerprint, otherPrint);
                if (otherId != id && distance <= maxBits && distance < bestDistance)
                {
                    (best, bestDistance) = (otherBlob, distance);
                }
            }

            if (best is null)
            {
                _entries.Add((id, blobName, fingerprint));
            }

            return best;
        }
    }
}
