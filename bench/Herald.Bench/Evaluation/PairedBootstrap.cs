namespace Herald.Bench.Evaluation;

/// <summary>95% interval of a mean paired difference, from 2,000 resamples of the articles (fixed seed: the same every run).</summary>
public static class PairedBootstrap
{
    public static (double Low, double High) Interval(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var random = new Random(20261125);
        var means = new double[2000];
        for (var r = 0; r < means.Length; r++)
        {
            double sum = 0;
            for (var i = 0; i < a.Count; i++)
            {
                var k = random.Next(a.Count);
                sum += a[k] - b[k];
            }

            means[r] = sum / a.Count;
        }

        Array.Sort(means);
        return (means[(int)(0.025 * means.Length)], means[(int)(0.975 * means.Length) - 1]);
    }
}
