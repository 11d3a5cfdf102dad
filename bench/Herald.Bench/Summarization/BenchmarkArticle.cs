namespace Herald.Bench.Summarization;

/// <summary>One line of a JSONL development set: {"id", "article", "summary": [sentences]}.</summary>
public sealed record BenchmarkArticle(string Id, string Article, IReadOnlyList<string> Summary);
