namespace Herald.Bench.Evaluation;

/// <summary>ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum of one summary.</summary>
public sealed record RougeScores(RougeScore Rouge1, RougeScore Rouge2, RougeScore RougeL, RougeScore RougeLsum);
