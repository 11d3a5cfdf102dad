using Herald.Bench.Evaluation;
using Herald.Text;

namespace Herald.UnitTests.Evaluation;

public class RougeScorerTests
{
    [Fact]
    public void Reproduces_the_rouge_score_packages_documented_example()
    {
        // rouge-score README: RougeScorer(['rouge1', 'rougeL'], use_stemmer=True).score(target, prediction)
        var scores = RougeScorer.Score("The quick brown fox jumps over the lazy dog", "The quick brown dog jumps on the log.");

        Assert.Equal(0.75, scores.Rouge1.Precision, 10);
        Assert.Equal(0.6666666666666666, scores.Rouge1.Recall, 10);
        Assert.Equal(0.7058823529411765, scores.Rouge1.F1, 10);
        Assert.Equal(0.625, scores.RougeL.Precision, 10);
        Assert.Equal(0.5555555555555556, scores.RougeL.Recall, 10);
        Assert.Equal(0.5882352941176471, scores.RougeL.F1, 10);
    }

    [Fact]
    public void Counts_bigrams_with_clipping()
    {
        // target bigrams: "the cat", "cat sat", "sat on", "on the", "the mat" (5); prediction: "the cat" x2, "cat the" (3).
        var scores = RougeScorer.Score("the cat sat on the mat", "the cat the cat");

        Assert.Equal(1.0 / 3, scores.Rouge2.Precision, 10);
        Assert.Equal(1.0 / 5, scores.Rouge2.Recall, 10);
    }

    [Fact]
    public void Tokenizes_like_rouge_score()
    {
        // Lowercased, non-alphanumerics separate, tokens over 3 characters stemmed, short ones kept as they are.
        Assert.Equal(["u", "s", "senat", "pass", "3", "5bn", "bill", "it", "s", "run"], RougeScorer.Tokenize("U.S. Senate passes $3.5bn bill -- it's running"));
    }

    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "tie")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("motoring", "motor")]
    [InlineData("conflated", "conflat")]
    [InlineData("hopping", "hop")]
    [InlineData("falling", "fall")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("enjoy", "enjoy")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("generalization", "gener")]
    [InlineData("electrical", "electr")]
    [InlineData("adjustment", "adjust")]
    [InlineData("controlling", "control")]
    [InlineData("dying", "die")]
    [InlineData("news", "news")]
    [InlineData("spied", "spi")]
    [InlineData("died", "die")]
    [InlineData("flies", "fli")]
    [InlineData("lazy", "lazi")]
    [InlineData("president", "presid")]
    [InlineData("government", "govern")]
    [InlineData("officials", "offici")]
    public void Stems_as_nltk_does(string word, string stem)
    {
        Assert.Equal(stem, PorterStemmer.Stem(word));
    }

    [Fact]
    public void Rouge_Lsum_unions_the_lcs_over_sentences()
    {
        // Hand-computed: target sentences [a b c], [d e]; prediction [a c d], [b e].
        // LCS(t1, p1) = a c -> {0, 2}; LCS(t1, p2) = b -> {1}: union a b c, 3 hits.
        // LCS(t2, p1) = d; LCS(t2, p2) = e: union d e, 2 hits. 5 hits of 5 and 5 tokens.
        var scores = RougeScorer.Score("a b c\nd e", "a c d\nb e");

        Assert.Equal(1.0, scores.RougeLsum.F1, 10);
        Assert.Equal(4.0 / 5, scores.RougeL.F1, 10); // one sequence: a c d e or a b ... = 4 of 5
    }

    [Fact]
    public void Empty_text_scores_zero()
    {
        var scores = RougeScorer.Score("", "something");

        Assert.Equal(0, scores.Rouge1.F1);
        Assert.Equal(0, scores.RougeLsum.F1);
    }
}
