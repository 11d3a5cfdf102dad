namespace Herald.Editions.Rendering;

/// <summary>
/// A rendered edition: HTML (stylesheet inlined), text, the preheader line, and the manifest of its stories; and what
/// the inliner could not do (a selector it does not support), which the tests require to be nothing.
/// </summary>
public sealed record DigestOutput(string Html, string Text, string Preheader, IReadOnlyList<EditionStory> Manifest)
{
    public IReadOnlyList<string> StyleWarnings { get; init; } = [];
}
