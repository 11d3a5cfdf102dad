using Microsoft.Extensions.Primitives;

namespace Herald.Site.Http;

/// <summary>The fields of a form or JSON body, and which it was (an API caller gets JSON answers).</summary>
public sealed record RequestFields(IReadOnlyDictionary<string, StringValues> Values, bool IsJson)
{
    public static RequestFields Empty { get; } = new(new Dictionary<string, StringValues>(), false);

    /// <summary>The field's first value, trimmed; null when absent or empty.</summary>
    public string? this[string name] => Values.TryGetValue(name, out var value) && value.Count > 0 && !string.IsNullOrWhiteSpace(value[0]) ? value[0]!.Trim() : null;

    public IEnumerable<string> All(string name) => Values.TryGetValue(name, out var value) ? value.Where(v => v is not null).Select(v => v!) : [];
}
