namespace Herald.Editions.Rendering;

/// <summary>Links in the digest. Personal ones are slot markers that each recipient's links fill at send time.</summary>
public sealed record LinkView(string Unsubscribe, string Preferences, string Archive, string Subscribe);
