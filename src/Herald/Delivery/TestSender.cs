using Herald.Configuration;
using Herald.Editions;
using Herald.Editions.Scheduling;
using Herald.Mail;
using Herald.Subscribers;

namespace Herald.Delivery;

/// <summary>
/// Sends a newsletter's latest edition to one address as a test: "[Test]" in the subject, category "test", an
/// X-Herald-Test header; the delivery ledger and the subscribers are not touched (the links in it work for that
/// address like any reader's, and do nothing when it subscribes to nothing).
/// </summary>
public sealed class TestSender(EditionStore editions, EditionPreview preview, DigestMail mail, IMailTransport transport, TimeProvider time)
{
    /// <param name="fresh">Render the edition anew with the templates as they are now, instead of sending it as it was stored.</param>
    public async Task<TestSendResult> SendAsync(NewsletterOptions newsletter, string address, CancellationToken cancellationToken, bool fresh = false)
    {
        var normalized = EmailAddresses.Normalize(address);
        if (normalized is null)
        {
            return new TestSendResult.NotSent($"'{address}' is not one email address.", IsUsageError: true);
        }

        var edition = (await editions.ListPublishedAsync(newsletter.Id, 1, cancellationToken)).FirstOrDefault();
        if (fresh)
        {
            // The latest edition re-rendered, or, before the first, the one the collected stories would make now.
            var slot = edition is null ? NewsletterSchedule.For(newsletter).SlotAt(time.GetUtcNow()) : NewsletterSchedule.For(newsletter).SlotAt(edition.SlotAt);
            edition = (await preview.PreviewAsync(newsletter, slot, edition?.Id ?? slot.IdFor(newsletter.Id), cancellationToken)).Edition;
        }

        if (edition is null)
        {
            return new TestSendResult.NotSent($"{newsletter.Id} has no edition yet; 'herald run' builds one.", IsUsageError: false);
        }

        var content = DigestMail.Content(newsletter, edition, 0, category: "test", subjectPrefix: "[Test] ") with
        {
            Headers = new Dictionary<string, string>(DigestMail.Content(newsletter, edition, 0).Headers) { ["X-Herald-Test"] = "true" },
        };
        var id = EmailAddresses.IdOf(normalized);
        var recipient = mail.Recipient(newsletter, edition, new Recipient(id, normalized, null), $"{newsletter.Id}/tests/{id}-{time.GetUtcNow().ToUnixTimeSeconds()}");
        var result = await transport.SendAsync(new MailRequest(content, [recipient]), cancellationToken);
        return result.Handled == 1 && result.RefusedRecipients.Count == 0
            ? new TestSendResult.Sent(edition.Id, normalized)
            : new TestSendResult.NotSent($"Not sent: {result.RefusedRecipients.Values.FirstOrDefault() ?? result.Reason ?? result.Outcome.ToString()}", IsUsageError: false);
    }
}
