namespace Herald.Site;

/// <summary>A route Herald serves: its function's name, the route (under /api), the methods and the handler.</summary>
public sealed record SiteEndpoint(string Name, string Route, string[] Methods, Type Handler);
