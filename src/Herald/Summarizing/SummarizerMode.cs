namespace Herald.Summarizing;

public enum SummarizerMode
{
    /// <summary>Herald's offline extractive summarizer (the default).</summary>
    Extractive,

    /// <summary>An LLM through Azure OpenAI, falling back to the extractive summary on any failure.</summary>
    Chat,
}
