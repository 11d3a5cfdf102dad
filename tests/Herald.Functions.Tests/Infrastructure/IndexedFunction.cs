using System.Text.Json.Nodes;

namespace Herald.Functions.Tests.Infrastructure;

/// <summary>One function of the worker's own indexing (FunctionMetadataResponse), raw bindings parsed.</summary>
public sealed record IndexedFunction(
    string Name,
    string FunctionId,
    string EntryPoint,
    string ScriptFile,
    string Language,
    IReadOnlyList<JsonObject> RawBindings,
    IReadOnlyDictionary<string, IndexedBinding> Bindings)
{
    /// <summary>The trigger's raw binding (the one whose type ends in "Trigger").</summary>
    public JsonObject Trigger => RawBindings.Single(b => b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));

    public string TriggerType => Trigger["type"]!.GetValue<string>();
}
