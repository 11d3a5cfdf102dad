namespace Herald.Functions.Tests.Infrastructure;

/// <summary>A binding as the worker described it in its BindingInfo map (what the host sends back in FunctionLoadRequest).</summary>
public sealed record IndexedBinding(string Type, string Direction, string DataType);
