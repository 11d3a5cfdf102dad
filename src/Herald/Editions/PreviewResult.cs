namespace Herald.Editions;

/// <summary>A slot's edition as it would look now (null: there is none to show), and what it was made from.</summary>
public sealed record PreviewResult(Edition? Edition, string Basis);
