namespace Herald.Delivery;

public sealed record EditionReport(string NewsletterId, string EditionId, EditionOutcome Outcome, int Articles, int Stories, int Recipients, int Batches);
