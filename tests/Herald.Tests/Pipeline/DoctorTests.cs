using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Herald.Cli.Commands;
using Herald.Testing;

namespace Herald.Tests.Pipeline;

/// <summary>
/// "herald doctor" run as a process: a healthy local setup is all ✓; a broken template, storage that does not
/// answer, a missing SendGrid key and a source that does not answer each show their ✗ line and a non-zero exit;
/// --online asks SendGrid's scopes endpoint; --json says the same as the lines.
/// </summary>
public class DoctorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_healthy_local_setup_is_all_ticks_and_the_json_says_the_same()
    {
        var human = await RunAsync([]);
        var json = await RunAsync(["--json"]);

        Assert.True(human.ExitCode == 0, human.Output + human.Errors);
        var lines = human.Output.Split('\n').Where(l => l.StartsWith('✓') || l.StartsWith('✗') || l.StartsWith('–')).ToList();
        Assert.DoesNotContain(lines, l => l.StartsWith('✗'));
        Assert.Contains(lines, l => l.StartsWith("✓ storage:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("✓ sample edition: white-house-watch:", StringComparison.Ordinal));
        Assert.Equal(3, lines.Count(l => l.StartsWith("✓ source:", StringComparison.Ordinal)));
        Assert.Equal(0, json.ExitCode);
        using var parsed = JsonDocument.Parse(json.Output);
        Assert.Equal(lines.Count, parsed.RootElement.GetArrayLength());
        Assert.Equal(lines.Count(l => l.StartsWith('✓')), parsed.RootElement.EnumerateArray().Count(c => c.GetProperty("ok").ValueKind == JsonValueKind.True));
    }

    [Fact]
    public async Task A_template_that_does_not_parse_is_a_cross_with_file_line_and_column()
    {
        var templates = Directory.CreateTempSubdirectory("herald-doctor-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "templates")))
        {
            File.Copy(file, Path.Combine(templates, Path.GetFileName(file)));
        }

        await File.AppendAllTextAsync(Path.Combine(templates, "digest.txt.scriban"), "\n{{ for story in }}\n", TestContext.Current.CancellationToken);

        var result = await RunAsync([], ("Herald__TemplateDirectory", templates));

        Assert.Equal(CliFailures.ConfigurationError, result.ExitCode);
        Assert.Matches(@"✗ templates: .*digest\.txt\.scriban\(\d+,\d+\)", result.Output);
    }

    [Fact]
    public async Task A_misspelt_setting_and_a_template_member_the_model_lacks_are_crosses_naming_them()
    {
        var templates = Directory.CreateTempSubdirectory("herald-doctor-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "templates")))
        {
            File.Copy(file, Path.Combine(templates, Path.GetFileName(file)));
        }

        var text = Path.Combine(templates, "digest.txt.scriban");
        await File.WriteAllTextAsync(text, (await File.ReadAllTextAsync(text, TestContext.Current.CancellationToken)).Replace("story.title", "story.titel", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var result = await RunAsync([], ("Herald__TemplateDirectory", templates), ("Herald__Newsletters__0__FromNmae", "Desk"));

        Assert.Equal(CliFailures.ConfigurationError, result.ExitCode);
        Assert.Contains("✗ configuration: Herald:Newsletters:0:FromNmae: not a setting Herald knows (set by the environment variable Herald__Newsletters__0__FromNmae); did you mean Herald:Newsletters:0:FromName?", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"✗ templates: Herald:Newsletters:0:Template: 'digest' does not render: .*digest\.txt\.scriban\(\d+,\d+\).*titel", result.Output);
    }

    [Fact]
    public async Task Storage_that_does_not_answer_a_missing_key_and_a_dead_source_are_crosses()
    {
        var closed = Herald.Local.LocalPorts.Free();
        var storageDown = await RunAsync([], ("HeraldStorage", $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:{closed}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{closed}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{closed}/devstoreaccount1;"));
        var noKey = await RunAsync([], ("Delivery__Mode", "SendGrid"), ("Delivery__SendGridWebhookPublicKey", TestKeys.WebhookPublicKey));
        var deadSource = await RunAsync(
            [],
            ("Herald__Newsletters__0__Sources__3__Name", "Dead Feed"),
            ("Herald__Newsletters__0__Sources__3__Url", $"http://127.0.0.1:{closed}/feed.xml"),
            ("Herald__Newsletters__0__Sources__3__AllowPrivateNetwork", "true"),
            ("Collecting__Retries", "0"));

        Assert.Equal(CliFailures.PartlyFailed, storageDown.ExitCode);
        Assert.Contains($"✗ storage: http://127.0.0.1:{closed}", storageDown.Output, StringComparison.Ordinal);
        Assert.Contains("✓ templates:", storageDown.Output, StringComparison.Ordinal); // the other checks still ran
        Assert.Equal(CliFailures.ConfigurationError, noKey.ExitCode);
        Assert.Contains("✗ mail: Delivery:SendGridApiKey", noKey.Output, StringComparison.Ordinal);
        Assert.Equal(CliFailures.PartlyFailed, deadSource.ExitCode);
        Assert.Contains("✗ source: Dead Feed:", deadSource.Output, StringComparison.Ordinal);
        Assert.Equal(3, deadSource.Output.Split('\n').Count(l => l.StartsWith("✓ source:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Online_it_asks_sendgrid_whether_the_key_may_send_mail()
    {
        await using var sendGrid = await TestWebServer.StartAsync();
        sendGrid.Map("/v3/scopes", async context =>
        {
            var good = context.Request.Headers.Authorization.ToString() == "Bearer SG.good";
            context.Response.StatusCode = good ? 200 : 401;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(good ? "{\"scopes\":[\"mail.send\",\"stats.read\"]}" : "{\"errors\":[{\"message\":\"authorization required\"}]}");
        });
        (string, string)[] sendGridMode = [("Delivery__Mode", "SendGrid"), ("Delivery__SendGridWebhookPublicKey", TestKeys.WebhookPublicKey), ("Delivery__SendGridHost", sendGrid.BaseUrl.AbsoluteUri)];

        var good = await RunAsync(["--online"], [.. sendGridMode, ("Delivery__SendGridApiKey", "SG.good")]);
        var bad = await RunAsync(["--online"], [.. sendGridMode, ("Delivery__SendGridApiKey", "SG.revoked")]);

        Assert.True(good.ExitCode == 0, good.Output + good.Errors);
        Assert.Contains("✓ SendGrid accepts the key: the key may send mail (mail.send)", good.Output, StringComparison.Ordinal);
        Assert.Equal(CliFailures.PartlyFailed, bad.ExitCode);
        Assert.Contains("✗ SendGrid accepts the key:", bad.Output, StringComparison.Ordinal);
        Assert.Contains("answered 401", bad.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_sending_it_checks_the_sending_domain_publishes_spf_dkim_and_dmarc()
    {
        await using var dns = LocalDnsServer.Start(
            new Dictionary<string, string> { ["news-sender.org"] = "v=spf1 include:sendgrid.net ~all", ["_dmarc.news-sender.org"] = "v=DMARC1; p=none; rua=mailto:dmarc@news-sender.org" },
            new Dictionary<string, string> { ["s1._domainkey.news-sender.org"] = "s1.domainkey.u1234.wl.sendgrid.net" });
        (string, string)[] sendGridMode = [("Delivery__Mode", "SendGrid"), ("Delivery__SendGridApiKey", "SG.key"), ("Delivery__SendGridWebhookPublicKey", TestKeys.WebhookPublicKey)];
        var server = $"{dns.EndPoint.Address}:{dns.EndPoint.Port}";

        var published = await RunAsync(["--dns-server", server], [.. sendGridMode, ("Herald__Newsletters__0__FromAddress", "watch@news-sender.org")]);
        var bare = await RunAsync(["--dns-server", server], [.. sendGridMode, ("Herald__Newsletters__0__FromAddress", "watch@bare-sender.org")]);
        var sample = await RunAsync(["--dns-server", server], sendGridMode);

        Assert.True(published.ExitCode == 0, published.Output + published.Errors);
        Assert.Contains("✓ sending domain: news-sender.org: publishes SPF, DKIM and DMARC", published.Output, StringComparison.Ordinal);
        Assert.Equal(CliFailures.PartlyFailed, bare.ExitCode);
        Assert.Contains("✗ sending domain: bare-sender.org: does not publish SPF", bare.Output, StringComparison.Ordinal);
        Assert.Contains("DKIM", bare.Output, StringComparison.Ordinal);
        Assert.Contains("DMARC", bare.Output, StringComparison.Ordinal);
        Assert.Contains("– sending domain: herald.example: a reserved example domain", sample.Output, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output, string Errors)> RunAsync(string[] arguments, params (string Name, string Value)[] environment)
    {
        var settings = new Dictionary<string, string?> { ["HeraldStorage"] = azurite.ConnectionString, ["Storage__NamePrefix"] = AzuriteFixture.UniquePrefix() };
        foreach (var (name, value) in environment)
        {
            settings[name] = value;
        }

        return HeraldProcess.RunAsync(["doctor", .. arguments], settings, TimeSpan.FromMinutes(2));
    }
}
