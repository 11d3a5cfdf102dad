using System.Globalization;
using Herald.Summarizing;

namespace Herald.Bench.Summarization;

/// <summary>Reads "Name=value,Name=value" into <see cref="SentencePickerSettings"/>, starting from what Herald uses for that many sentences.</summary>
public static class SettingsParser
{
    public static SentencePickerSettings Parse(string? text, int sentences = 3)
    {
        var settings = sentences == 1 ? SentencePickerSettings.Dek : SentencePickerSettings.Default;
        foreach (var pair in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var property = typeof(SentencePickerSettings).GetProperty(parts[0].Trim())
                ?? throw new ArgumentException($"No summarizer setting '{parts[0]}'.");
            var value = Convert.ChangeType(parts[1].Trim(), property.PropertyType, CultureInfo.InvariantCulture);
            settings = settings with { };
            property.SetValue(settings, value);
        }

        return settings;
    }
}
