namespace Herald.Summarizing;

/// <summary>
/// How long a summary may be: at most this many sentences and, after the first, this many words; and at least
/// <see cref="MinSentences"/> sentences when the article has them, even if that passes the word budget. Sentences are
/// never cut: one longer than <see cref="MaxSentenceWords"/> is passed over, and used whole only when no sentence of
/// the article is short enough.
/// </summary>
public sealed record SummaryBudget(int MaxSentences, int MaxWords, int MinSentences = 1, int MaxSentenceWords = int.MaxValue);
