namespace Herald.Summarizing;

/// <summary>
/// How long a summary may be: at most this many sentences and, after the first, this many words; and at least
/// <see cref="MinSentences"/> sentences when the article has them, even if that passes the word budget.
/// </summary>
public sealed record SummaryBudget(int MaxSentences, int MaxWords, int MinSentences = 1);
