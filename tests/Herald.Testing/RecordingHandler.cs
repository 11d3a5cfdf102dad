using System.Collections.Concurrent;

namespace Herald.Testing;

/// <summary>Passes requests on and keeps each response's status and the header a test asks about (Prism's "sl-violations").</summary>
public sealed class RecordingHandler(string header) : DelegatingHandler
{
    public ConcurrentQueue<(int Status, string? Header, int Personalizations)> Responses { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var personalizations = 0;
        if (request.Content is not null && request.Content.Headers.ContentEncoding.Count == 0)
        {
            using var document = System.Text.Json.JsonDocument.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
            personalizations = document.RootElement.TryGetProperty("personalizations", out var p) ? p.GetArrayLength() : 0;
        }

        var response = await base.SendAsync(request, cancellationToken);
        Responses.Enqueue(((int)response.StatusCode, response.Headers.TryGetValues(header, out var values) ? string.Join(",", values) : null, personalizations));
        return response;
    }
}
