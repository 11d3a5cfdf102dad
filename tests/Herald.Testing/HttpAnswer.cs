using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace Herald.Testing;

/// <summary>What a function's response came to: status, headers and body, read as the host would write them.</summary>
public sealed record HttpAnswer(int Status, IHeaderDictionary Headers, string Body);
