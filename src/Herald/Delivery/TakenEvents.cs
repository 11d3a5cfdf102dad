namespace Herald.Delivery;

/// <summary>
/// Provider events a request may act on: <see cref="Fresh"/> ones never seen before (acted on and counted), and
/// <see cref="Unfinished"/> ones an earlier request took in but never finished - it died between taking them and
/// acting, so they are acted on again (every action is idempotent) but not counted twice.
/// </summary>
public sealed record TakenEvents(HashSet<string> Fresh, HashSet<string> Unfinished);
