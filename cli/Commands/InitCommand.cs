using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Herald.Cli.Init;
using Herald.Editions.Scheduling;
using Herald.Local;
using Herald.Mail;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary>
/// "herald init": a newsletter of one's own in one command. On a terminal it asks for what is missing, checking each
/// feed as it is entered; in a script the options say it all, and anything missing is named with exit code 2. It writes
/// the folder (herald.json, the templates to customise, the first subscribers) and prints the commands to go on with.
/// </summary>
public static class InitCommand
{
    private static readonly Argument<DirectoryInfo?> FolderArgument = new("folder") { Description = "The newsletter's folder (default: ./ID).", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<string?> TitleOption = new("--title") { Description = "The newsletter's name, as readers see it (\"Climate Desk\")." };
    private static readonly Option<string?> IdOption = new("--id") { Description = "Short id for addresses and storage: lowercase letters, digits, dashes (default: from the title)." };
    private static readonly Option<string?> DescriptionOption = new("--description") { Description = "One line about the newsletter, for its sign-up page and footer." };
    private static readonly Option<string[]> FeedOption = new("--feed") { Description = "A feed to read: an http(s) address or a file. Repeat for several.", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string[]> TagOption = new("--tag") { Description = "A feed category that puts an article in (repeat). Without --tag or --keyword, every article of the feeds goes in." };
    private static readonly Option<string[]> KeywordOption = new("--keyword") { Description = "A word or phrase that puts an article in, matched as people write it (repeat)." };
    private static readonly Option<string?> TimeZoneOption = new("--time-zone") { Description = "IANA time zone of the schedule and the digest's times (\"Europe/London\"; default: this machine's)." };
    private static readonly Option<string?> AtOption = new("--at") { Description = "The edition's time every day, HH:mm in that zone (default 06:00)." };
    private static readonly Option<string?> ScheduleOption = new("--schedule") { Description = "The schedule as cron instead of --at (\"30 6 * * 1-5\": weekdays at 06:30)." };
    private static readonly Option<string?> FromOption = new("--from") { Description = "The address editions are sent from." };
    private static readonly Option<string?> PostalAddressOption = new("--postal-address") { Description = "The postal address every digest prints (CAN-SPAM)." };
    private static readonly Option<string[]> SubscriberOption = new("--subscriber") { Description = "An address that consented already, to receive the first editions (repeat)." };
    private static readonly Option<bool> AllowPrivateOption = new("--allow-private") { Description = "The feeds are on your own network (loopback or a private address)." };

    public static Command Build()
    {
        var command = new Command("init", "Start a newsletter of your own: a folder with its herald.json, templates to customise and first subscribers, feeds checked as they are given.")
        {
            FolderArgument, TitleOption, IdOption, DescriptionOption, FeedOption, TagOption, KeywordOption, TimeZoneOption, AtOption, ScheduleOption, FromOption, PostalAddressOption, SubscriberOption, AllowPrivateOption,
        };
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected;
        var missing = new List<string>();
        using var probe = new FeedProbe();

        var title = parse.GetValue(TitleOption) ?? Ask(interactive, "Newsletter title", null, missing, "--title");
        var id = parse.GetValue(IdOption) ?? (interactive && title is not null ? AnsiConsole.Prompt(new TextPrompt<string>("Id").DefaultValue(Slug(title))) : title is null ? null : Slug(title));
        if (id is not null && !Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]{1,40}$"))
        {
            return Refuse($"--id: '{id}' must be 2-41 lowercase letters, digits or dashes.");
        }

        var allowPrivate = parse.GetValue(AllowPrivateOption) || (interactive && parse.GetValue(FeedOption) is not { Length: > 0 } && AnsiConsole.Confirm("Are the feeds on your own network (localhost or a private address)?", false));
        var feeds = new List<(string Feed, string Name)>();
        foreach (var feed in parse.GetValue(FeedOption) ?? [])
        {
            var check = await probe.CheckAsync(feed, allowPrivate, ct);
            Report(feed, check);
            if (!check.Reads)
            {
                return CliFailures.FetchFailed;
            }

            feeds.Add((feed, check.Title));
        }

        var askFeeds = interactive && feeds.Count == 0;
        while (askFeeds)
        {
            var feed = AnsiConsole.Prompt(new TextPrompt<string>(feeds.Count == 0 ? "Feed (an address or a file)" : "Another feed (empty to finish)").AllowEmpty());
            if (string.IsNullOrWhiteSpace(feed))
            {
                askFeeds = feeds.Count == 0;
                continue;
            }

            var check = await probe.CheckAsync(feed.Trim(), allowPrivate, ct);
            Report(feed.Trim(), check);
            if (check.Reads)
            {
                feeds.Add((feed.Trim(), check.Title));
            }
        }

        if (feeds.Count == 0)
        {
            missing.Add("--feed");
        }

        var tags = parse.GetValue(TagOption) is { Length: > 0 } given ? [.. given]
            : interactive ? Split(AnsiConsole.Prompt(new TextPrompt<string>("Feed categories that put an article in (comma-separated; empty: every article)").AllowEmpty()))
            : new List<string>();
        var keywords = parse.GetValue(KeywordOption) is { Length: > 0 } words ? [.. words]
            : interactive ? Split(AnsiConsole.Prompt(new TextPrompt<string>("Words or phrases that put an article in (comma-separated; empty: none)").AllowEmpty()))
            : new List<string>();
        var zone = parse.GetValue(TimeZoneOption) ?? (interactive ? AnsiConsole.Prompt(new TextPrompt<string>("Time zone").DefaultValue(LocalZone())) : LocalZone());
        var schedule = parse.GetValue(ScheduleOption) ?? DailyAt(parse.GetValue(AtOption) ?? (interactive ? AnsiConsole.Prompt(new TextPrompt<string>("Send every day at (HH:mm)").DefaultValue("06:00")) : "06:00"));
        if (schedule is null)
        {
            return Refuse($"--at: '{parse.GetValue(AtOption)}' is not a time of day such as 06:30.");
        }

        try
        {
            NewsletterSchedule.Parse(schedule, zone);
        }
        catch (FormatException ex)
        {
            return Refuse(ex.Message);
        }

        var from = parse.GetValue(FromOption) ?? Ask(interactive, "Send from (an address)", null, missing, "--from");
        if (from is not null && EmailAddresses.Parse(from) is null)
        {
            return Refuse($"--from: '{from}' is not one email address.");
        }

        var postal = parse.GetValue(PostalAddressOption) ?? Ask(interactive, "Postal address (printed in every digest)", null, missing, "--postal-address");
        var subscribers = parse.GetValue(SubscriberOption) is { Length: > 0 } readers ? [.. readers]
            : interactive ? Split(AnsiConsole.Prompt(new TextPrompt<string>("Your address, to receive the first editions (optional)").AllowEmpty()))
            : new List<string>();
        if (subscribers.FirstOrDefault(s => EmailAddresses.Parse(s) is null) is { } bad)
        {
            return Refuse($"--subscriber: '{bad}' is not one email address.");
        }

        if (missing.Count > 0)
        {
            return Refuse($"Missing: {string.Join(", ", missing)} (on a terminal, herald init asks for them).");
        }

        var folder = parse.GetValue(FolderArgument)?.FullName ?? Path.GetFullPath(id!);
        var plan = new NewsletterPlan
        {
            Directory = folder, Id = id!, Title = title!, Description = parse.GetValue(DescriptionOption) ?? "",
            Feeds = feeds, Tags = tags, Keywords = keywords, TimeZone = zone, Schedule = schedule, FromAddress = from!, PostalAddress = postal!,
            Subscribers = subscribers, AllowPrivateNetwork = allowPrivate,
        };
        string config;
        try
        {
            config = NewsletterScaffold.Write(plan, Path.Combine(HeraldPaths.Home(), "templates"));
        }
        catch (IOException ex)
        {
            return Refuse(ex.Message);
        }

        var shown = Shown(config);
        Console.WriteLine($"Created {shown}, its templates in {Shown(Path.Combine(folder, "templates"))} (digest.html.scriban, digest.txt.scriban, digest.css to customise){(subscribers.Count > 0 ? " and subscribers.json" : "")}.");
        Console.WriteLine("Next:");
        foreach (var next in new[] { "doctor", "run", "preview", "serve" })
        {
            Console.WriteLine($"  ./herald {next} --config {shown}");
        }

        return CliFailures.Succeeded;
    }

    private static string? Ask(bool interactive, string prompt, string? fallback, List<string> missing, string option)
    {
        if (interactive)
        {
            return AnsiConsole.Prompt(new TextPrompt<string>(prompt));
        }

        if (fallback is null)
        {
            missing.Add(option);
        }

        return fallback;
    }

    private static void Report(string feed, FeedCheck check) =>
        Console.WriteLine(check.Reads
            ? $"✓ {check.Title}: {check.Items} items{(check.Tags.Count == 0 ? "" : "; categories: " + string.Join(", ", check.Tags))}"
            : $"✗ {feed}: {check.Problem}");

    private static int Refuse(string message)
    {
        Console.Error.WriteLine(message);
        return CliFailures.ConfigurationError;
    }

    /// <summary>A path as the operator would type it here: relative below the current folder, else whole.</summary>
    private static string Shown(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path) is var relative && !relative.StartsWith("..", StringComparison.Ordinal) ? relative : path;

    private static List<string> Split(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>"0 6 * * *" from "06:00"; null when it is not a time of day.</summary>
    private static string? DailyAt(string time) =>
        TimeOnly.TryParseExact(time.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? $"{at.Minute} {at.Hour} * * *" : null;

    private static string LocalZone() => TimeZoneInfo.TryConvertWindowsIdToIanaId(TimeZoneInfo.Local.Id, out var iana) ? iana : TimeZoneInfo.Local.Id is { Length: > 0 } id && id.Contains('/', StringComparison.Ordinal) ? id : "UTC";

    private static string Slug(string title)
    {
        var slug = Regex.Replace(title.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormKD), "[^a-z0-9]+", "-").Trim('-');
        slug = slug.Length > 41 ? slug[..41].TrimEnd('-') : slug;
        return slug.Length >= 2 ? slug : "newsletter";
    }
}
