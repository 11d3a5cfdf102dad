namespace Herald.Storage;

/// <summary>
/// Names of Herald's containers, queues and tables. The queue names are constants because the Functions
/// triggers name them in attributes; a prefix (tests, side-by-side local runs) is applied by <see cref="HeraldStorage"/>.
/// </summary>
public static class StorageNames
{
    public const string SummarizeQueue = "summarize-articles";
    public const string SendQueue = "send-digest-batches";

    /// <summary>Sign-up requests, answered at once and processed here, so the answer reveals nothing and takes the same time.</summary>
    public const string SignUpQueue = "signup-requests";

    /// <summary>The Functions host's name for a queue's poison queue: "{queue}-poison".</summary>
    public const string PoisonSuffix = "-poison";

    public const string ArticlesContainer = "articles";
    public const string EditionsContainer = "editions";
    public const string SummariesContainer = "summaries";

    /// <summary>Each send batch's recipients, taken when the edition fans out.</summary>
    public const string BatchesContainer = "batches";

    public const string ArticleIndexTable = "articleindex";
    public const string SubscribersTable = "subscribers";
    public const string DeliveriesTable = "deliveries";
    public const string FeedStateTable = "feedstate";
    public const string OptOutsTable = "optouts";
    public const string SuppressionsTable = "suppressions";
    public const string ConsentsTable = "consents";
    public const string ProviderEventsTable = "providerevents";

    /// <summary>Inbound mail: commands by day, replies sent, signatures already seen.</summary>
    public const string InboundTable = "inbound";

    /// <summary>Confirmation emails set off per client address this hour, counted across every instance.</summary>
    public const string SignUpQuotaTable = "signupquota";
}
