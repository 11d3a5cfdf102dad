using Herald.Configuration;
using Herald.Functions;
using Herald.Functions.Configuration;
using Herald.Mail;
using Herald.Storage;
using Herald.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.UnitTests.Configuration;

/// <summary>A bad setting fails when the app starts, with a message that names the setting.</summary>
public class ConfigurationValidationTests
{
    [Fact]
    public async Task The_sample_configuration_starts_and_each_feature_reads_its_settings()
    {
        using var host = BuildFunctionsHost(new Dictionary<string, string?>());
        await host.StartAsync(TestContext.Current.CancellationToken);

        var services = host.Services;
        Assert.Equal("white-house-watch", Assert.Single(services.GetRequiredService<IOptions<HeraldOptions>>().Value.Newsletters).Id);
        Assert.Equal(3, services.GetRequiredService<IOptions<HeraldOptions>>().Value.AllSources().Count());
        Assert.Equal(2, services.GetRequiredService<IOptions<HeraldOptions>>().Value.Tagging.Rules.Count);
        Assert.Equal(2, services.GetRequiredService<IOptions<DeliveryOptions>>().Value.BatchSize);
        Assert.Equal(DeliveryMode.Outbox, services.GetRequiredService<IOptions<DeliveryOptions>>().Value.Mode);
        Assert.StartsWith("sample-signing-key", services.GetRequiredService<IOptions<HeraldOptions>>().Value.SigningKey, StringComparison.Ordinal);
        Assert.Equal("0 */5 * * * *", services.GetRequiredService<IOptions<ScheduleOptions>>().Value.DigestSchedule);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("DigestSchedule", "every morning", "DigestSchedule: 'every morning' is not a six-field NCRONTAB schedule")]
    [InlineData("CollectSchedule", "0 */30 * * *", "CollectSchedule: '0 */30 * * *' is not a six-field NCRONTAB schedule")]
    [InlineData("CollectSchedule", "", "CollectSchedule: the setting is missing")]
    [InlineData("PruneSchedule", "daily", "PruneSchedule: 'daily' is not a six-field NCRONTAB schedule")]
    [InlineData("Herald:SigningKey", "", "Herald:SigningKey: The SigningKey field is required.")]
    [InlineData("Herald:SigningKey", "short", "Herald:SigningKey:")]
    [InlineData("Herald:PublicBaseUrl", "not a url", "Herald:PublicBaseUrl:")]
    [InlineData("Herald:Newsletters:0:Template", "fancy", "Herald:Newsletters:0:Template: unknown template 'fancy'")]
    [InlineData("Herald:Newsletters:0:FromAddress", "nobody", "Herald:Newsletters:0:FromAddress:")]
    [InlineData("Herald:Newsletters:0:Id", "White House", "Herald:Newsletters:0:Id: must be 2-41 lowercase letters")]
    [InlineData("Herald:Newsletters:0:Sources:1:Url", "ftp://example.com/feed", "Herald:Newsletters:0:Sources:1: set exactly one of Url and File.")]
    [InlineData("Herald:Newsletters:0:Schedule", "61 6 * * *", "Herald:Newsletters:0:Schedule: '61 6 * * *' is not a cron expression")]
    [InlineData("Herald:Newsletters:0:Schedule", "every morning", "Herald:Newsletters:0:Schedule: 'every morning' is not a cron expression")]
    [InlineData("Herald:Newsletters:0:TimeZone", "Mars/Olympus_Mons", "Herald:Newsletters:0:TimeZone: 'Mars/Olympus_Mons' is not a time zone")]
    [InlineData("Herald:Newsletters:0:ReaderTime", "7am", "Herald:Newsletters:0:ReaderTime: '7am' is not a time of day")]
    [InlineData("Herald:Newsletters:0:ReaderTime", "25:00", "Herald:Newsletters:0:ReaderTime: '25:00' is not a time of day")]
    [InlineData("Inbound:ParseDomain", "parse.herald.example", "Inbound:ParseDomain is set but nothing authenticates the mail SendGrid posts")]
    [InlineData("Inbound:Secret", "short", "Inbound:Secret: at least 24 characters")]
    [InlineData("Inbound:SendGridPublicKey", "not-a-key", "Inbound:SendGridPublicKey: not a base64 ECDSA public key")]
    [InlineData("Inbound:MaxSpamScore", "-1", "Inbound:MaxSpamScore:")]
    [InlineData("Herald:TemplateDirectory", "/nonexistent/templates", "Herald:TemplateDirectory: folder '/nonexistent/templates' does not exist.")]
    [InlineData("HeraldStorage", "", "HeraldStorage: the setting is missing")]
    [InlineData("HeraldStorage", "hello", "HeraldStorage: the value is not a storage connection string")]
    [InlineData("Delivery:Mode", "SendGrid", "Delivery:SendGridApiKey: the setting is missing; it is required when Delivery:Mode is SendGrid.")]
    [InlineData("Delivery:BatchSize", "0", "Delivery:BatchSize:")]
    [InlineData("Collecting:Proxy", "socks5://proxy.example:1080", "Collecting:Proxy: not an http:// proxy address")]
    [InlineData("Collecting:Proxy", "proxy.example:3128", "Collecting:Proxy: not an http:// proxy address")]
    [InlineData("Collecting:Proxy", "http://user:secret@proxy.example:3128/forward", "Collecting:Proxy: a proxy address is a scheme, host and port only")]
    [InlineData("Summarizer:Mode", "Chat", "Summarizer:Endpoint: the setting is missing or not an https address")]
    [InlineData("Summarizer:Timeout", "00:30:00", "Summarizer:Timeout:")]
    [InlineData("Herald:Newsletters:0:FromNmae", "Desk", "Herald:Newsletters:0:FromNmae: not a setting Herald knows; did you mean Herald:Newsletters:0:FromName?")]
    [InlineData("Herald:Newsletters:0:IncludeTag", "climate", "Herald:Newsletters:0:IncludeTag: not a setting Herald knows; did you mean Herald:Newsletters:0:IncludeTags?")]
    [InlineData("Herald:Newsletters:0:Sources:0:AllowPrivateNetworks", "true", "Herald:Newsletters:0:Sources:0:AllowPrivateNetworks: not a setting Herald knows; did you mean Herald:Newsletters:0:Sources:0:AllowPrivateNetwork?")]
    [InlineData("Herald:Tagging:Rules:0:Keyword:0", "flood", "Herald:Tagging:Rules:0:Keyword: not a setting Herald knows; did you mean Herald:Tagging:Rules:0:Keywords?")]
    [InlineData("Delivery:BatchSize:Max", "5", "Delivery:BatchSize:Max: not a setting Herald knows.")]
    [InlineData("Site:AllowedOrigins:first", "https://news.example", "Site:AllowedOrigins:first: not a setting Herald knows; did you mean Site:AllowedOrigins:0:first (a list's items are numbered from 0)?")]
    [InlineData("Collecting:Parallelfeed", "4", "Collecting:Parallelfeed: not a setting Herald knows; did you mean Collecting:ParallelFeeds?")]
    [InlineData("Storage:Prefix", "x", "Storage:Prefix: not a setting Herald knows")]
    public async Task A_bad_setting_fails_at_start_naming_the_setting(string key, string value, string expected)
    {
        using var host = BuildFunctionsHost(new Dictionary<string, string?> { [key] = value });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));

        // A section read by several validated options (Collecting: also the fetch clients' resilience) fails each of them.
        var failures = error is AggregateException all ? all.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures) : Assert.IsType<OptionsValidationException>(error).Failures;
        Assert.Contains(failures, f => f.StartsWith(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_misspelt_key_is_named_with_the_file_or_variable_that_set_it()
    {
        var folder = Directory.CreateTempSubdirectory("herald-typo-").FullName;
        var file = Path.Combine(folder, "herald.json");
        await File.WriteAllTextAsync(file, """{ "Herald": { "Newsletters": [ { "FromNmae": "Climate Desk" } ] } }""", TestContext.Current.CancellationToken);
        using var host = BuildFunctionsHost([], configure: c => c.AddJsonFile(file).AddHeraldSettingsJson("""{ "Site": { "SignUpsPerMinut": 5 } }"""));

        var failures = await FailuresAsync(host);

        Assert.Contains($"Herald:Newsletters:0:FromNmae: not a setting Herald knows (set in {file}); did you mean Herald:Newsletters:0:FromName?", failures);
        Assert.Contains("Site:SignUpsPerMinut: not a setting Herald knows (set in HERALD_SETTINGS_JSON); did you mean Site:SignUpsPerMinute?", failures);
    }

    [Fact]
    public async Task A_misspelt_environment_variable_is_named_as_the_variable()
    {
        var prefix = $"HERALD_TEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "Herald__Newsletters__0__IncludeTag", "climate");
        try
        {
            using var host = BuildFunctionsHost([], configure: c => c.AddEnvironmentVariables(prefix));

            var failures = await FailuresAsync(host);

            Assert.Contains("Herald:Newsletters:0:IncludeTag: not a setting Herald knows (set by the environment variable Herald__Newsletters__0__IncludeTag); did you mean Herald:Newsletters:0:IncludeTags?", failures);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "Herald__Newsletters__0__IncludeTag", null);
        }
    }

    [Fact]
    public async Task A_template_that_reads_a_member_the_model_lacks_stops_the_start_with_its_file_line_and_column()
    {
        var folder = Directory.CreateTempSubdirectory("herald-templates-").FullName;
        foreach (var file in Directory.GetFiles(RepositoryPaths.Templates))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var html = await File.ReadAllTextAsync(Path.Combine(folder, "digest.html.scriban"), TestContext.Current.CancellationToken);
        Assert.Contains("{{ story.title |", html, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(folder, "digest.html.scriban"), html.Replace("{{ story.title |", "{{ story.titel |", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var line = html[..html.IndexOf("{{ story.title |", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        using var host = BuildFunctionsHost(new Dictionary<string, string?> { ["Herald:TemplateDirectory"] = folder });

        var failures = await FailuresAsync(host);

        var failure = Assert.Single(failures, f => f.StartsWith("Herald:Newsletters:0:Template:", StringComparison.Ordinal));
        Assert.Contains($"digest.html.scriban({line},", failure, StringComparison.Ordinal);
        Assert.Contains("titel", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_storage_connection_in_the_managed_identity_shape_is_accepted()
    {
        using var host = BuildFunctionsHost(new Dictionary<string, string?>
        {
            ["HeraldStorage"] = null,
            ["HeraldStorage:blobServiceUri"] = "https://heraldprod.blob.core.windows.net",
            ["HeraldStorage:queueServiceUri"] = "https://heraldprod.queue.core.windows.net",
            ["HeraldStorage:tableServiceUri"] = "https://heraldprod.table.core.windows.net",
        });

        await host.StartAsync(TestContext.Current.CancellationToken);

        var storage = host.Services.GetRequiredService<HeraldStorage>();
        Assert.Equal("heraldprod.blob.core.windows.net", storage.Articles.Uri.Host);
        Assert.Equal("heraldprod.queue.core.windows.net", storage.SendQueue.Uri.Host);
        Assert.Equal("heraldprod.table.core.windows.net", new Uri(storage.Subscribers.Uri.AbsoluteUri).Host);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<List<string>> FailuresAsync(IHost host)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));
        return error is AggregateException all ? [.. all.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)] : [.. Assert.IsType<OptionsValidationException>(error).Failures];
    }

    /// <summary>The Functions app's service registrations (AddHeraldFunctions) in a generic host, so ValidateOnStart runs as it would in Azure.</summary>
    private static IHost BuildFunctionsHost(Dictionary<string, string?> changes, Action<IConfigurationBuilder>? configure = null)
    {
        var settings = new Dictionary<string, string?> { ["Herald:TemplateDirectory"] = RepositoryPaths.Templates };
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonFile(RepositoryPaths.SampleConfig).AddInMemoryCollection(settings);
        if (changes.TryGetValue("HeraldStorage", out var storage) && storage is null)
        {
            // An in-memory null does not hide the JSON value; rebuild without it.
            builder.Configuration.Sources.Clear();
            var json = new ConfigurationBuilder().AddJsonFile(RepositoryPaths.SampleConfig).Build().AsEnumerable()
                .Where(p => p.Key != "HeraldStorage")
                .ToDictionary(p => p.Key, p => p.Value);
            builder.Configuration.AddInMemoryCollection(json).AddInMemoryCollection(settings.Where(p => p.Value is not null));
        }

        configure?.Invoke(builder.Configuration);
        builder.Services.AddHeraldFunctions(builder.Configuration);
        return builder.Build();
    }
}
