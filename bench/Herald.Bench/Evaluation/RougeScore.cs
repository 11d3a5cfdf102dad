namespace Herald.Bench.Evaluation;

/// <summary>Precision, recall and F1 of one ROUGE measure for one summary.</summary>
public readonly record struct RougeScore(double Precision, double Recall, double F1)
{
    public static RougeScore From(int hits, int predicted, int target)
    {
        var precision = predicted == 0 ? 0 : (double)hits / predicted;
        var recall = target == 0 ? 0 : (double)hits / target;
        return new RougeScore(precision, recall, precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0);
    }
}
