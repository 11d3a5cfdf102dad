using System.ComponentModel.DataAnnotations;

namespace Herald.Summarizing;

/// <summary>The "Summarizer" configuration section.</summary>
public sealed class SummarizerOptions
{
    public const string SectionName = "Summarizer";

    public SummarizerMode Mode { get; set; } = SummarizerMode.Extractive;

    /// <summary>Azure OpenAI endpoint ("https://my-resource.openai.azure.com/") for <see cref="SummarizerMode.Chat"/>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model deployment name.</summary>
    public string? Deployment { get; set; }

    /// <summary>API key; when absent the managed identity is used (set ClientId for a user-assigned one). Never logged.</summary>
    public string? ApiKey { get; set; }

    public string? ClientId { get; set; }

    /// <summary>How long one summary may take before the extractive one is used instead.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Input budget: the article is cut to this many words before it is sent.</summary>
    [Range(100, 20000)]
    public int MaxInputWords { get; set; } = 1500;

    /// <summary>Output budget in tokens.</summary>
    [Range(50, 4000)]
    public int MaxOutputTokens { get; set; } = 400;
}
