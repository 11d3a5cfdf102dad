using Herald.Templates;

namespace Herald.Editions.Rendering;

/// <summary>
/// What a digest template sees. Member names reach templates in snake_case (PublishedAt → published_at). Stories come
/// in sections (one untitled section when the newsletter has none); <see cref="Brief"/> is the top headlines.
/// </summary>
public sealed record DigestModel(NewsletterView Newsletter, EditionView Edition, IReadOnlyList<BriefItem> Brief, IReadOnlyList<SectionView> Sections, LinkView Links, int StoryCount);
