using System.Net;
using System.Net.Http.Headers;

namespace Herald.Functions.Tests.Infrastructure;

/// <summary>An HTTP trigger's two halves: the invocation the host sent over the stream and the response the worker's own server wrote.</summary>
public sealed record HttpInvocation(Invocation Invocation, HttpStatusCode Status, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, string Body);
