using Herald.Local;

namespace Herald.Testing;

/// <summary>
/// Prism mocking SendGrid's official OpenAPI description (../shared/sendgrid/tsg_mail_v3.json) on a free port: it
/// answers 202 to a request the spec allows and 4xx with the reasons in "sl-violations" to one it does not. Started
/// once for the tests that use it; absent when ../shared is not beside the repository (those tests then skip).
/// </summary>
public sealed class PrismFixture : IAsyncLifetime
{
    private NodeTool? _prism;

    public static string? SpecPath => RepositoryPaths.Shared is { } shared && File.Exists(Path.Combine(shared, "sendgrid", "tsg_mail_v3.json"))
        ? Path.Combine(shared, "sendgrid", "tsg_mail_v3.json")
        : null;

    public Uri? Url { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (SpecPath is not { } spec)
        {
            return;
        }

        var port = LocalPorts.Free();
        _prism = await NodeTool.StartAsync("prism", ["mock", spec, "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], port, TimeSpan.FromSeconds(60));
        Url = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>Prism's address, or a skip naming why it is not there.</summary>
    public Uri Require()
    {
        if (Url is null)
        {
            Assert.Skip("../shared/sendgrid/tsg_mail_v3.json is not beside the repository; the SendGrid contract tests run where it is (CI has it).");
        }

        return Url;
    }

    public async ValueTask DisposeAsync()
    {
        if (_prism is not null)
        {
            await _prism.DisposeAsync();
        }
    }
}
