using Herald.Collecting;
using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.UnitTests.Collecting;

/// <summary>Tagging rules match words as people write them: on stems, case folded; patterns still as written.</summary>
public class TaggerTests
{
    private static Tagger Tagger(params TagRule[] rules) => new(Options.Create(new HeraldOptions { Tagging = new TaggingOptions { Rules = [.. rules] } }));

    [Theory]
    [InlineData("flood", "Flooding closed three roads.")]
    [InlineData("flood", "The floods came at night.")]
    [InlineData("flood", "Streets were flooded by noon.")]
    [InlineData("sea level", "Sea levels rose faster than forecast.")]
    [InlineData("sea level", "the SEA LEVEL record")]
    [InlineData("wildfire", "Wildfires spread overnight.")]
    public void A_keyword_or_phrase_matches_the_words_inflected_and_in_any_case(string keyword, string title)
    {
        var rule = new TagRule { Tag = "climate", Keywords = keyword.Contains(' ', StringComparison.Ordinal) ? [] : [keyword], Phrases = keyword.Contains(' ', StringComparison.Ordinal) ? [keyword] : [], Threshold = 2 };

        Assert.Contains("climate", Tagger(rule).Tag([], [], title, ""));
    }

    [Theory]
    [InlineData("flood", "The floodgate was opened.")]
    [InlineData("flood", "Bloodflood is a band.")]
    [InlineData("sea level", "The sea rose to a new level.")]
    public void A_keyword_matches_whole_words_and_a_phrase_its_words_together(string keyword, string title)
    {
        var rule = new TagRule { Tag = "climate", Keywords = keyword.Contains(' ', StringComparison.Ordinal) ? [] : [keyword], Phrases = keyword.Contains(' ', StringComparison.Ordinal) ? [keyword] : [], Threshold = 2 };

        Assert.DoesNotContain("climate", Tagger(rule).Tag([], [], title, ""));
    }

    [Fact]
    public void Matches_in_the_text_count_once_and_in_the_title_twice_toward_the_threshold()
    {
        var rule = new TagRule { Tag = "energy", Keywords = ["turbine"], Threshold = 3 };

        Assert.DoesNotContain("energy", Tagger(rule).Tag([], [], "", "A turbine. Another turbine."));
        Assert.Contains("energy", Tagger(rule).Tag([], [], "", "A turbine, a second turbine and turbines."));
        Assert.Contains("energy", Tagger(rule).Tag([], [], "Turbines", "One more turbine."));
    }

    [Fact]
    public void Patterns_match_as_written_and_source_tags_and_categories_are_kept()
    {
        var rule = new TagRule { Tag = "us-politics", Patterns = [@"\bH\.R\. \d+"], Threshold = 1 };

        var tags = Tagger(rule).Tag(["Wire"], ["US Politics"], "", "The House passed H.R. 4821.");

        Assert.Equal(["us-politics", "wire"], tags);
    }
}
