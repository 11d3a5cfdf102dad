namespace Herald.Editions;

/// <summary>Links in the digest. Personal ones hold placeholders that each recipient's links replace at send time.</summary>
public sealed record LinkView(string Unsubscribe, string Preferences, string Archive, string Subscribe);
