using System.CommandLine;
using Herald.Mail;
using Herald.Subscribers;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Cli.Commands;

/// <summary>"herald subscribers": list, add and remove subscribers.</summary>
public static class SubscribersCommand
{
    public static Command Build()
    {
        var newsletterArgument = new Argument<string>("newsletter") { Description = "Newsletter id." };
        var emailArgument = new Argument<string>("email") { Description = "Email address." };

        var list = new Command("list", "List a newsletter's subscribers.") { newsletterArgument };
        list.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            var newsletterId = parse.GetValue(newsletterArgument)!;
            var count = 0;
            await foreach (var subscriber in host.Services.GetRequiredService<SubscriberStore>().ListAsync(newsletterId, null, ct))
            {
                Console.WriteLine($"{subscriber.StatusFor(newsletterId),-13} {subscriber.Email,-40} {subscriber.Id} since {subscriber.CreatedAt:yyyy-MM-dd}");
                count++;
            }

            Console.WriteLine($"{count} subscribers");
            return 0;
        }, ct));

        var add = new Command("add", "Add a subscriber who has already consented (import). Someone who unsubscribed stays unsubscribed.") { newsletterArgument, emailArgument };
        add.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            var newsletterId = parse.GetValue(newsletterArgument)!;
            var (subscriber, added) = await host.Services.GetRequiredService<SubscriptionService>().AddConfirmedAsync(newsletterId, parse.GetValue(emailArgument)!, "cli", ct);
            if (subscriber is null)
            {
                await Console.Error.WriteLineAsync("Not added: the address is not valid or the newsletter is not configured.");
                return 2;
            }

            Console.WriteLine(added ? $"Added {subscriber.Email} ({subscriber.Id})" : $"Already known: {subscriber.Email} is {subscriber.StatusFor(newsletterId)}");
            return 0;
        }, ct));

        var remove = new Command("remove", "Delete a person's subscriber record entirely, for every newsletter (erasure request).") { emailArgument };
        remove.SetAction((parse, ct) => HeraldCommands.Session(parse, async host =>
        {
            var address = EmailAddresses.Normalize(parse.GetValue(emailArgument));
            if (address is null)
            {
                await Console.Error.WriteLineAsync("Not a valid address.");
                return 2;
            }

            var deleted = await host.Services.GetRequiredService<SubscriberStore>().DeleteAsync(EmailAddresses.IdOf(address), ct);
            Console.WriteLine(deleted ? $"Removed {address}" : $"{address} was not a subscriber");
            return 0;
        }, ct));

        return new Command("subscribers", "Administer subscribers.") { list, add, remove };
    }
}
