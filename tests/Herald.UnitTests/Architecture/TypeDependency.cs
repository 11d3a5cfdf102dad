namespace Herald.UnitTests.Architecture;

/// <summary>One type of an assembly using another type of the same assembly.</summary>
public sealed record TypeDependency(Type From, Type To);
