using System.Globalization;
using System.Text;
using Herald.Mail;
using Herald.Subscribers;
using Herald.Testing;

namespace Herald.Tests.Subscribers;

/// <summary>Operators' CSV import and export against real storage: refusals with line and reason, idempotence, round trip.</summary>
public class SubscriberCsvTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> TwoNewsletters => SecondNewsletter.Settings();

    [Fact]
    public async Task An_import_refuses_each_bad_row_with_its_line_and_a_second_run_changes_nothing()
    {
        await using var herald = await TestHerald.StartAsync(azurite, TwoNewsletters);
        var (left, _) = await herald.Get<SubscriberImports>().AddConfirmedAsync("white-house-watch", "left@example.com", "test", Ct);
        await herald.Get<OptOutService>().UnsubscribeAsync(left!, "white-house-watch", "test", Ct);
        await herald.Get<SuppressionList>().AddAsync(EmailAddresses.IdOf("bounced@example.com"), "bounce", Ct);
        const string file = """
            Email;Name;Newsletters;Consented_At;Source
            ada@example.com;Ada Lovelace;white-house-watch,capitol-brief;2025-03-01T10:00:00Z;paper form
            "Grace Hopper" <grace@example.com>;Grace;;;
            bob@bücher.example;Bob;;;
            left@example.com;Left;;;
            bounced@example.com;Bounced;;;
            carol@example.com;Carol;no-such-list;;
            dan@example.com;"=HYPERLINK(""https://evil.example"",""x"")";;;
            """;

        var first = await ImportAsync(herald, file);
        var second = await ImportAsync(herald, file);

        Assert.Equal((4, 0), (first.Added, first.Unchanged)); // Ada twice, Bob, Dan
        Assert.Equal(
            [
                (3, "'Grace Hopper <grace@example.com>' is not one email address"), // CsvHelper reads the quotes as quoting
                (5, "white-house-watch: the address unsubscribed; an import does not subscribe it again"),
                (6, "the address bounced or its owner reported spam; only its owner can subscribe it again"),
                (7, "'no-such-list' is not a configured newsletter"),
            ],
            first.Rejected);
        Assert.Equal((0, 4), (second.Added, second.Unchanged));
        Assert.Equal(first.Rejected, second.Rejected);

        var ada = await herald.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf("ada@example.com"), Ct);
        Assert.Equal((SubscriberStatus.Active, SubscriberStatus.Active, "Ada Lovelace"), (ada!.StatusFor("white-house-watch"), ada.StatusFor("capitol-brief"), ada.Name));
        var consents = await herald.Get<ConsentLog>().ListAsync(ada.Id, Ct).ToListAsync(Ct);
        Assert.Equal(2, consents.Count);
        Assert.All(consents, c => Assert.Equal(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero), c.At));
        Assert.All(consents, c => Assert.Contains("paper form", c.Source, StringComparison.Ordinal));
        var stillLeft = await herald.Get<SubscriberStore>().GetAsync(left!.Id, Ct);
        Assert.Equal(SubscriberStatus.Unsubscribed, stillLeft!.StatusFor("white-house-watch"));
    }

    [Fact]
    public async Task An_export_escapes_formulas_and_imports_unchanged_into_an_empty_store()
    {
        await using var source = await TestHerald.StartAsync(azurite, TwoNewsletters);
        await ImportAsync(source, """
            email,name,newsletters
            ada@example.com,Ada,white-house-watch;capitol-brief
            bob@bücher.example,Bob,white-house-watch
            dan@example.com,"=HYPERLINK(""https://evil.example"",""x"")",capitol-brief
            +eve@example.com,@Eve,white-house-watch
            """);

        var exported = await ExportAsync(source);
        var lines = exported.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("email,email_unicode,name,newsletter,status,origin,requested_at,confirmed_at,ended_at,end_reason", lines[0]);
        Assert.Equal(5, lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith("bob@xn--bcher-kva.example,bob@bücher.example,Bob,white-house-watch,Active,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dan@example.com,dan@example.com,\"'=HYPERLINK(", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("\"'+eve@example.com\",\"'+eve@example.com\",\"'@Eve\",", StringComparison.Ordinal));
        Assert.DoesNotContain(lines.Skip(1), l => l[0] is '=' or '+' or '-' or '@');

        // The export, as a file an operator moves to another deployment, reads back into the same subscribers.
        var reimport = new StringBuilder("email,name,newsletters\r\n");
        using (var reader = new CsvHelper.CsvReader(new StringReader(exported), CultureInfo.InvariantCulture))
        {
            await reader.ReadAsync();
            reader.ReadHeader();
            while (await reader.ReadAsync())
            {
                reimport.Append(CultureInfo.InvariantCulture, $"\"{reader.GetField("email")!.Replace("\"", "\"\"", StringComparison.Ordinal)}\",\"{reader.GetField("name")!.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{reader.GetField("newsletter")}\r\n");
            }
        }

        await using var target = await TestHerald.StartAsync(azurite, TwoNewsletters);
        var report = await ImportAsync(target, reimport.ToString());
        Assert.Empty(report.Rejected);
        Assert.Equal(5, report.Added);
        var dan = await target.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf("dan@example.com"), Ct);
        var eve = await target.Get<SubscriberStore>().GetAsync(EmailAddresses.IdOf("+eve@example.com"), Ct);
        Assert.Equal("=HYPERLINK(\"https://evil.example\",\"x\")", dan!.Name);
        Assert.Equal(("+eve@example.com", "@Eve"), (eve!.Email, eve.Name));
        Assert.Equal(Normalize(exported), Normalize(await ExportAsync(target)));
    }

    [Fact]
    public async Task A_file_without_an_email_header_is_refused_whole()
    {
        await using var herald = await TestHerald.StartAsync(azurite);

        var report = await ImportAsync(herald, "ada@example.com,Ada\r\nbob@example.com,Bob\r\n");

        Assert.Equal((0, 0), (report.Added, report.Unchanged));
        Assert.Equal([(1, "the first line must be a header with at least an \"email\" column")], report.Rejected);
    }

    private static async Task<ImportReport> ImportAsync(TestHerald herald, string csv) =>
        await herald.Get<SubscriberCsv>().ImportAsync(new StringReader(csv), "white-house-watch", "import:test.csv", Ct);

    private static async Task<string> ExportAsync(TestHerald herald)
    {
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        await herald.Get<SubscriberCsv>().ExportAsync(writer, null, Ct);
        return writer.ToString();
    }

    /// <summary>The rows without their times and origin (a re-import happens later, from a different source), in order.</summary>
    private static string Normalize(string csv) =>
        string.Join('\n', csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => string.Join(',', l.Split(',').Take(5))).Order(StringComparer.Ordinal));
}
