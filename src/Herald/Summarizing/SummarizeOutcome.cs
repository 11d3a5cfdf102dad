namespace Herald.Summarizing;

public enum SummarizeOutcome
{
    Summarized,
    AlreadySummarized,
    ArticleMissing,
}
