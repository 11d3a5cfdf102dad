namespace Herald.Queues;

/// <summary>
/// One unit of sending: batch <see cref="Batch"/> of an edition. Small on purpose — its recipients were written
/// down when the edition fanned out, and the delivery ledger says how far it got.
/// </summary>
public sealed record SendBatch(string NewsletterId, string Slot, string EditionId, int Batch);
