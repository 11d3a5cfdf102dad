namespace Herald.Site;

/// <summary>An HTML page and its status code; the HTTP functions return it as it is.</summary>
public sealed record PageResult(int StatusCode, string Html);
