namespace Herald.Telemetry;

/// <summary>
/// The ids a log line belongs to, as a logging scope: every line written inside it carries NewsletterId, EditionId and
/// Batch as properties (custom dimensions in Application Insights), so one edition's or batch's story can be queried
/// whole. Ids only: never an address.
/// </summary>
public static class LogScope
{
    public static Dictionary<string, object> Of(string newsletterId, string? editionId = null, int? batch = null)
    {
        var scope = new Dictionary<string, object>(StringComparer.Ordinal) { ["NewsletterId"] = newsletterId };
        if (editionId is not null)
        {
            scope["EditionId"] = editionId;
        }

        if (batch is not null)
        {
            scope["Batch"] = batch.Value;
        }

        return scope;
    }
}
