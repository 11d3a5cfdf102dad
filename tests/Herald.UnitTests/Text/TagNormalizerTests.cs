using Herald.Text;

namespace Herald.UnitTests.Text;

public class TagNormalizerTests
{
    [Theory]
    [InlineData("US Politics", "us-politics")]
    [InlineData("us_politics", "us-politics")]
    [InlineData("  us-politics ", "us-politics")]
    [InlineData("White House!", "white-house")]
    [InlineData("---", "")]
    public void One_spelling_per_tag(string tag, string normalized)
    {
        Assert.Equal(normalized, TagNormalizer.Normalize(tag));
    }

    [Fact]
    public void A_list_is_normalized_deduplicated_and_sorted_without_empties()
    {
        Assert.Equal(["sport", "us-politics"], TagNormalizer.NormalizeAll(["US Politics", "us_politics", null, " ", "Sport"]));
    }
}
