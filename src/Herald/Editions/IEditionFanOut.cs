namespace Herald.Editions;

/// <summary>
/// Hands a built edition to whoever delivers it (Delivery's fan-out, which cuts its readers into send batches). Editions
/// owns the edition's life — its slot, its build, its status — and only asks, through this, how far the hand-over got:
/// safe to call again, and a second caller at once learns that another is at work (<see cref="FanOutProgress.Complete"/> false).
/// </summary>
public interface IEditionFanOut
{
    Task<FanOutProgress> RunAsync(Edition edition, CancellationToken cancellationToken);
}
