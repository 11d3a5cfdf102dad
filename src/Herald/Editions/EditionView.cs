namespace Herald.Editions;

public sealed record EditionView(string Id, string Date, string DisplayDate);
