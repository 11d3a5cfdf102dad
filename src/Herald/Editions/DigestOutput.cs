namespace Herald.Editions;

/// <summary>A rendered edition: HTML (stylesheet inlined), text, the preheader line, and the manifest of its stories.</summary>
public sealed record DigestOutput(string Html, string Text, string Preheader, IReadOnlyList<EditionStory> Manifest);
