using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Herald.Cli.Commands;

/// <summary>The --json option commands share, and how their JSON is written: camelCase, indented, enums by name.</summary>
public static class CliJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Option<bool> Option() => new("--json") { Description = "Print the result as JSON (for scripts), with the same facts as the text; notes go to standard error." };

    public static void Write(object value) => Console.WriteLine(JsonSerializer.Serialize(value, Options));
}
