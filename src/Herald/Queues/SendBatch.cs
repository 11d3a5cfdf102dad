namespace Herald.Queues;

/// <summary>
/// One unit of sending: batch <see cref="Batch"/> of an edition. Small on purpose — its recipients were written
/// down when the edition fanned out, and the delivery ledger says how far it got. <see cref="ReleaseAt"/> is set on the
/// messages of a newsletter delivered in each reader's morning: one message per release time in the batch, each
/// sending the recipients released by then.
/// </summary>
public sealed record SendBatch(string NewsletterId, string Slot, string EditionId, int Batch, DateTimeOffset? ReleaseAt = null);
