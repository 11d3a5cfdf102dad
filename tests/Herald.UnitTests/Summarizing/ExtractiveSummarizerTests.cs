using Herald.Articles;
using Herald.Summarizing;
using Herald.Testing;
using Herald.Text;

namespace Herald.UnitTests.Summarizing;

public class ExtractiveSummarizerTests
{
    [Theory]
    [InlineData("The U.S. Senate met on Tuesday. Mr. Smith spoke first.", new[] { "The U.S. Senate met on Tuesday.", "Mr. Smith spoke first." })]
    [InlineData("The deal adds $3.5bn in aid. It passed 54-45.", new[] { "The deal adds $3.5bn in aid.", "It passed 54-45." })]
    [InlineData("\"We will vote,\" she said. \"Soon.\" Then she left.", new[] { "\"We will vote,\" she said.", "\"Soon.\"", "Then she left." })]
    [InlineData("Sen. Maria Delgado (D-N.M.) spoke. Gov. Lee agreed on Jan. 5.", new[] { "Sen. Maria Delgado (D-N.M.) spoke.", "Gov. Lee agreed on Jan. 5." })]
    [InlineData("John F. Kennedy was elected in 1960. He was 43.", new[] { "John F. Kennedy was elected in 1960.", "He was 43." })]
    [InlineData("Is it over? Not yet! Talks go on.", new[] { "Is it over?", "Not yet!", "Talks go on." })]
    [InlineData("' We have not objected, ' he told reporters. ' That is fine. ' Fans cheered.", new[] { "' We have not objected, ' he told reporters.", "' That is fine. '", "Fans cheered." })]
    [InlineData("First paragraph ends here\n\nSecond paragraph has no period", new[] { "First paragraph ends here", "Second paragraph has no period" })]
    public void Splits_news_text_into_sentences(string text, string[] expected)
    {
        Assert.Equal(expected, SentenceSplitter.Split(text));
    }

    [Theory]
    [InlineData("WASHINGTON (Capitol Wire) - The Senate voted.", "The Senate voted.")]
    [InlineData("(CNN) The Senate voted.", "The Senate voted.")]
    [InlineData("(cnn) on the surface, it seems odd.", "on the surface, it seems odd.")]
    [InlineData("LONDON, England (Reuters) -- Markets fell.", "Markets fell.")]
    [InlineData("By . Daily Mail Reporter . PUBLISHED: . 12:30 EST, 1 January 2014 . The Senate voted.", "The Senate voted.")]
    [InlineData("By Tuesday, the Senate had voted.", "By Tuesday, the Senate had voted.")]
    [InlineData("WASHINGTON \u2014 The Senate voted.", "The Senate voted.")]
    [InlineData("NEW YORK, N.Y. -- Markets fell.", "Markets fell.")]
    [InlineData("NATO - the alliance - met.", "NATO - the alliance - met.")]
    [InlineData("The Senate (the upper chamber) voted.", "The Senate (the upper chamber) voted.")]
    public void Strips_datelines_and_bylines_only(string text, string expected)
    {
        Assert.Equal(expected, NewsText.StripDatelines(text));
    }

    [Fact]
    public void Keeps_sentence_order_and_the_budgets()
    {
        var text = string.Join(' ', Enumerable.Range(1, 30).Select(i => $"Sentence {i} tells about the senate budget vote number {i} and the shutdown."));

        var summary = SentencePicker.Summarize(text, new SummaryBudget(3, 30));

        // Twelve words a sentence: a second fits the 30-word budget, a third would pass it.
        Assert.Equal(2, summary.Count);
        Assert.True(summary.Sum(Words.Count) <= 30, $"{summary.Sum(Words.Count)} words");
        var positions = summary.Select(s => text.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void A_short_summary_has_two_sentences_even_when_they_are_long()
    {
        var longSentence = string.Join(' ', Enumerable.Repeat("senators debated the long spending bill", 12)) + ".";
        var text = $"The Senate passed a stopgap bill on Tuesday after {longSentence} Then the House began its own debate over {longSentence} Markets were calm.";

        var summary = SentencePicker.Summarize(text, ExtractiveSummarizer.Short);

        Assert.Equal(2, summary.Count);
    }

    [Fact]
    public void Skips_a_sentence_that_repeats_a_chosen_one()
    {
        const string text = "The senate passed the stopgap budget bill on Tuesday night. " +
            "The senate passed the stopgap budget bill on Tuesday night, officials said. " +
            "The house will vote on the measure on Friday. Markets were calm.";

        var summary = SentencePicker.Summarize(text, new SummaryBudget(2, 90));

        Assert.Equal(["The senate passed the stopgap budget bill on Tuesday night.", "The house will vote on the measure on Friday."], summary);
    }

    [Fact]
    public void Makes_a_one_sentence_dek_and_a_short_summary_of_two_to_four_sentences()
    {
        var text = File.ReadAllText(RepositoryPaths.SampleFeed("capitol-wire.rss"));
        var article = new Article
        {
            Id = "x",
            Url = "https://a.example/x",
            CanonicalUrl = "https://a.example/x",
            Title = "Deal",
            Source = "Capitol Wire",
            CollectedAt = TestHerald.SampleNow,
            Text = "WASHINGTON (Capitol Wire) - The White House and Senate leaders reached a tentative agreement on Tuesday to fund the government through early February. " +
                "The deal keeps spending at current levels and adds $4.2bn in disaster aid. House leaders have not yet endorsed the plan. " +
                "\"This is a responsible bridge,\" Sen. Maria Delgado (D-N.M.) told reporters. A procedural vote is expected on Thursday.",
        };
        Assert.NotEmpty(text);

        var summary = ExtractiveSummarizer.Summarize(article, TestHerald.SampleNow);

        Assert.Equal("The White House and Senate leaders reached a tentative agreement on Tuesday to fund the government through early February.", summary.Dek);
        Assert.InRange(SentenceSplitter.Split(summary.Short).Count, 2, 4);
        Assert.InRange(Words.Count(summary.Short), 20, 90);
        Assert.DoesNotContain("WASHINGTON", summary.Short, StringComparison.Ordinal);
        Assert.Equal("extractive", summary.Method);
    }

    [Fact]
    public void The_dek_is_not_a_restatement_of_the_headline()
    {
        var article = Story("Senate passes stopgap spending bill",
            "The Senate passed a stopgap spending bill on Tuesday. The measure funds the government through February and adds $4.2bn in disaster aid for flooded states. House leaders have not endorsed the plan.");

        var summary = ExtractiveSummarizer.Summarize(article, TestHerald.SampleNow);

        Assert.Equal("The measure funds the government through February and adds $4.2bn in disaster aid for flooded states.", summary.Dek);
        Assert.StartsWith("The Senate passed", summary.Short, StringComparison.Ordinal); // the summary may still open with the lead
    }

    [Fact]
    public void A_lead_that_only_restates_the_headline_is_still_the_dek_when_nothing_else_is_there()
    {
        var article = Story("Senate passes stopgap spending bill", "The Senate passed a stopgap spending bill on Tuesday.");

        Assert.Equal("The Senate passed a stopgap spending bill on Tuesday.", ExtractiveSummarizer.Summarize(article, TestHerald.SampleNow).Dek);
    }

    [Fact]
    public void Sentences_are_never_cut_a_long_one_is_passed_over_and_a_heading_is_not_a_sentence()
    {
        var tooLong = "The Senate passed the bill " + string.Join(' ', Enumerable.Repeat("after senators debated the spending plan late", 9)) + " into the night.";
        var article = Story("Stopgap vote", "Five things about the stopgap bill:\n\n" + tooLong + " The measure funds the government through February. House leaders have not endorsed the plan.");

        var summary = ExtractiveSummarizer.Summarize(article, TestHerald.SampleNow);

        Assert.Contains(summary.Dek, new[] { "The measure funds the government through February.", "House leaders have not endorsed the plan." });
        Assert.DoesNotContain("\u2026", summary.Dek + summary.Short, StringComparison.Ordinal);
        Assert.DoesNotContain("Five things", summary.Dek + summary.Short, StringComparison.Ordinal);
        Assert.DoesNotContain("late into the night", summary.Short, StringComparison.Ordinal); // 70 words: passed over while two shorter ones are there
    }

    private static Article Story(string title, string text) => new()
    {
        Id = "x",
        Url = "https://a.example/x",
        CanonicalUrl = "https://a.example/x",
        Title = title,
        Source = "Capitol Wire",
        CollectedAt = TestHerald.SampleNow,
        Text = text,
    };
}
