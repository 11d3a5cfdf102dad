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

    /// <summary>A difference of F1 scores as signed points ("+1.32", "-0.10"); one that rounds to zero is "+0.00", never "-+0.00".</summary>
    public static string Points(double difference) =>
        (Math.Round(100 * difference, 2) + 0.0).ToString("+0.00;-0.00;+0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"+1.32 (95% paired bootstrap +0.07 to +2.47)" for the mean difference of <paramref name="a"/> over <paramref name="b"/>.</summary>
    public static string Describe(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var (low, high) = Interval(a, b);
        return $"{Points(a.Average() - b.Average())} (95% paired bootstrap {Points(low)} to {Points(high)})";
    }
}
