
namespace Herald.Editions.Stories;

/// <summary>A story with its place in the edition: its score, rank (1 is the top story) and section (null: none).</summary>
public sealed record RankedStory(Story Story, double Score, int Rank, string? Section);
