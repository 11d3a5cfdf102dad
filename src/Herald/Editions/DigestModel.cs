using Herald.Templates;

namespace Herald.Editions;

/// <summary>What a digest template sees. Member names reach templates in snake_case (PublishedAt → published_at).</summary>
public sealed record DigestModel(NewsletterView Newsletter, EditionView Edition, IReadOnlyList<StoryView> Stories, LinkView Links);
