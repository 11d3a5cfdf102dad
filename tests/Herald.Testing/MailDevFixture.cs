using System.Net.Http.Json;
using System.Text.Json;
using Herald.Local;

namespace Herald.Testing;

/// <summary>maildev (npm) as a real SMTP server on a free port, with its REST API to read back what it received.</summary>
public sealed class MailDevFixture : IAsyncLifetime
{
    private NodeTool? _maildev;
    private readonly HttpClient _http = new();

    public int SmtpPort { get; private set; }
    public Uri ApiUrl { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        SmtpPort = LocalPorts.Free();
        var webPort = LocalPorts.Free();
        ApiUrl = new Uri($"http://127.0.0.1:{webPort}/api/");
        _maildev = await NodeTool.StartAsync("maildev", ["--smtp", $"{SmtpPort}", "--web", $"{webPort}", "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--silent"], webPort, TimeSpan.FromSeconds(60));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await LocalPorts.AnswersAsync(SmtpPort) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>The raw source of every message maildev holds for <paramref name="recipient"/>.</summary>
    public async Task<List<string>> MessagesToAsync(string recipient, CancellationToken cancellationToken)
    {
        var sources = new List<string>();
        var emails = await _http.GetFromJsonAsync<List<JsonElement>>(new Uri(ApiUrl, "email"), cancellationToken) ?? [];
        foreach (var email in emails)
        {
            if (email.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetProperty("address").GetString(), recipient, StringComparison.OrdinalIgnoreCase)))
            {
                sources.Add(await _http.GetStringAsync(new Uri(ApiUrl, $"email/{email.GetProperty("id").GetString()}/source"), cancellationToken));
            }
        }

        return sources;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_maildev is not null)
        {
            await _maildev.DisposeAsync();
        }
    }
}
