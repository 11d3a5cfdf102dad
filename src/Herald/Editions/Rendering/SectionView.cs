namespace Herald.Editions.Rendering;

/// <summary>A section of the digest; <see cref="Title"/> is null for the stories of a newsletter without sections.</summary>
public sealed record SectionView(string? Title, IReadOnlyList<StoryView> Stories);
