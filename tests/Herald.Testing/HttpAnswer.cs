using Microsoft.AspNetCore.Http;

namespace Herald.Testing;

/// <summary>What a function's response came to: status, headers and body, read as the host would write them.</summary>
public sealed record HttpAnswer(int Status, IHeaderDictionary Headers, string Body);
