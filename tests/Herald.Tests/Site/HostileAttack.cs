namespace Herald.Tests.Site;

/// <summary>One generated hostile request: the route it is counted under, what is sent, and whether a 200 is a harmless acknowledgement.</summary>
internal sealed record HostileAttack(string Route, HttpMethod Method, string Path, Func<HttpContent?> Body, (string Name, string Value)[] Headers, bool MayBeAcknowledged = false, string Note = "");
