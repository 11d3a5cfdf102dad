using Herald.Configuration;
using Microsoft.Extensions.Configuration;

namespace Herald.UnitTests.Configuration;

/// <summary>HERALD_SETTINGS_JSON: newsletters in one app setting, below the individual app settings, refused clearly when broken.</summary>
public class SettingsJsonTests
{
    [Fact]
    public void The_document_is_read_before_the_app_settings_so_an_individual_setting_overrides_it()
    {
        // App settings reach the worker as environment variables; a prefix of this test's own keeps others out.
        Environment.SetEnvironmentVariable("HERALDSETTINGSTEST_Herald__PublicBaseUrl", "https://from-a-setting.example");
        var builder = new ConfigurationBuilder().AddEnvironmentVariables("HERALDSETTINGSTEST_");

        var configuration = builder
            .AddHeraldSettingsJson("""{"Herald": {"PublicBaseUrl": "https://from-json.example", "Newsletters": [{"Id": "a", "IncludeTags": ["x", "y"]}]}}""")
            .Build();

        Assert.Equal("a", configuration["Herald:Newsletters:0:Id"]);
        Assert.Equal("y", configuration["Herald:Newsletters:0:IncludeTags:1"]);
        Assert.Equal("https://from-a-setting.example", configuration["Herald:PublicBaseUrl"]);
    }

    [Theory]
    [InlineData("{\"Herald\": {\"Newsletters\": [", "not valid JSON (line 1")]
    [InlineData("[1, 2]", "expected a JSON object")]
    public void A_broken_document_stops_the_start_with_a_message_naming_the_setting(string json, string expected)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => new ConfigurationBuilder().AddHeraldSettingsJson(json));

        Assert.StartsWith(SettingsJson.VariableName + ":", failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_setting_nothing_is_added()
    {
        var builder = new ConfigurationBuilder();

        builder.AddHeraldSettingsJson("  ");

        Assert.Empty(builder.Sources);
    }
}
