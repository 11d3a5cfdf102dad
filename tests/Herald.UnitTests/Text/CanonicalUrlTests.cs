using Herald.Text;

namespace Herald.UnitTests.Text;

public class CanonicalUrlTests
{
    [Theory]
    [InlineData("HTTPS://News.Example/2026/story/?utm_source=rss&utm_medium=feed#comments", "https://news.example/2026/story")]
    [InlineData("https://news.example:443/story?id=7&fbclid=abc", "https://news.example/story?id=7")]
    [InlineData("http://news.example:8080/story", "http://news.example:8080/story")]
    [InlineData("https://news.example/", "https://news.example/")]
    public void Tracking_and_cosmetic_differences_are_removed(string url, string canonical)
    {
        Assert.Equal(canonical, CanonicalUrl.Normalize(new Uri(url)));
    }

    [Fact]
    public void The_id_is_the_same_for_the_same_canonical_address()
    {
        var id = CanonicalUrl.IdOf(CanonicalUrl.Normalize(new Uri("https://news.example/story?utm_campaign=x")));

        Assert.Equal(CanonicalUrl.IdOf("https://news.example/story"), id);
        Assert.Matches("^[0-9a-f]{32}$", id);
    }
}
