using Herald.Configuration;

namespace Herald.Templates;

/// <summary>What every template (digest, confirmation email, pages) sees of a newsletter.</summary>
public sealed record NewsletterView(string Id, string Title, string Description, string PostalAddress)
{
    public static NewsletterView Of(NewsletterOptions newsletter) => new(newsletter.Id, newsletter.Title, newsletter.Description, newsletter.PostalAddress);
}
