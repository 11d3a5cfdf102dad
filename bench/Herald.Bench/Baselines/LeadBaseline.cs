using Herald.Text;

namespace Herald.Bench.Baselines;

/// <summary>Lead-N: the first N sentences, the baseline every news summarization paper reports.</summary>
public static class LeadBaseline
{
    public static IReadOnlyList<string> Summarize(string text, int sentences) => [.. SentenceSplitter.Split(text).Take(sentences)];
}
