using System.CommandLine;
using Herald.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Cli.Commands;

/// <summary>"herald send-test": the newsletter's latest edition to any address, marked as a test; no ledger, no subscriber touched.</summary>
public static class SendTestCommand
{
    public static Command Build()
    {
        var newsletterOption = new Option<string?>("--newsletter") { Description = "Newsletter id. Default: the first configured." };
        var toOption = new Option<string>("--to") { Description = "Address to send the test to.", Required = true };
        var freshOption = new Option<bool>("--fresh") { Description = "Render the edition anew with the current templates instead of sending it as it was stored." };
        var command = new Command("send-test", "Send the newsletter's latest edition to one address, marked as a test, touching neither the ledger nor the subscribers.") { newsletterOption, toOption, freshOption };
        command.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            if (await HeraldCommands.NewsletterAsync(host, parse.GetValue(newsletterOption)) is not { } newsletter)
            {
                return 2;
            }

            var result = await host.Services.GetRequiredService<TestSender>().SendAsync(newsletter, parse.GetValue(toOption)!, ct, parse.GetValue(freshOption));
            switch (result)
            {
                case TestSendResult.Sent sent:
                    Console.WriteLine($"Sent edition {sent.EditionId} to {sent.Address} as a test.");
                    return 0;
                case TestSendResult.NotSent notSent:
                    await Console.Error.WriteLineAsync(notSent.Reason);
                    return notSent.IsUsageError ? 2 : 1;
                default:
                    return 1;
            }
        }, ct));
        return command;
    }
}
