using System.CommandLine;
using Herald.Cli.Doctor;

namespace Herald.Cli.Commands;

/// <summary>"herald doctor": is this installation ready to send? Each check a ✓ or ✗ line with what to do; nothing is sent.</summary>
public static class DoctorCommand
{
    public static Command Build()
    {
        var online = new Option<bool>("--online") { Description = "Also ask SendGrid whether the API key may send mail (GET /v3/scopes)." };
        var json = CliJson.Option();
        var dnsServer = new Option<string?>("--dns-server") { Description = "Resolver to ask about the sending domains' SPF, DKIM and DMARC (\"1.1.1.1\" or \"127.0.0.1:5353\"). Default: the system's." };
        var command = new Command("doctor", "Check, without sending anything, that this installation is ready: configuration, storage, templates, sources, mail keys, inbound mail, public address.") { online, json, dnsServer };
        command.SetAction((parse, ct) => HeraldCommands.Session(
            parse,
            async host =>
            {
                System.Net.IPEndPoint? resolver = null;
                if (parse.GetValue(dnsServer) is { } server && !System.Net.IPEndPoint.TryParse(server.Contains(':', StringComparison.Ordinal) ? server : server + ":53", out resolver))
                {
                    await Console.Error.WriteLineAsync($"--dns-server: '{server}' is not an address such as 1.1.1.1 or 127.0.0.1:5353.");
                    return CliFailures.ConfigurationError;
                }

                var checks = await new InstallationDoctor(host.Services).CheckAsync(HeraldCommands.ConfigFileOf(parse), parse.GetValue(online), ct, resolver);
                return Print(checks, parse.GetValue(json));
            },
            ct,
            quiet: parse.GetValue(json),
            onInvalid: (file, failures) => Task.FromResult(Print([new DoctorCheck("configuration", false, file), .. failures.Select(f => new DoctorCheck(Area(f), false, f))], parse.GetValue(json), CliFailures.ConfigurationError))));
        return command;
    }

    private static int Print(IReadOnlyList<DoctorCheck> checks, bool json, int failedCode = CliFailures.PartlyFailed)
    {
        if (json)
        {
            CliJson.Write(checks.Select(c => new { c.Name, c.Ok, c.Detail }));
        }
        else
        {
            foreach (var check in checks)
            {
                Console.WriteLine($"{check.Mark} {check.Name}: {check.Detail}");
            }
        }

        return checks.Any(c => c.Ok == false) ? failedCode : CliFailures.Succeeded;
    }

    /// <summary>Which part a validation failure concerns, by the setting it names ("Herald:TemplateDirectory: ..." is the templates).</summary>
    private static string Area(string failure) => failure switch
    {
        _ when failure.Contains(".scriban", StringComparison.Ordinal) || failure.Contains("Template", StringComparison.Ordinal) => "templates",
        _ when failure.StartsWith("Delivery:", StringComparison.Ordinal) => "mail",
        _ when failure.StartsWith("Inbound:", StringComparison.Ordinal) => "inbound mail",
        _ when failure.StartsWith("HeraldStorage", StringComparison.Ordinal) => "storage",
        _ => "configuration",
    };
}
