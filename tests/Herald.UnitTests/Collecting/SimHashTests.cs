using Herald.Collecting;

namespace Herald.UnitTests.Collecting;

public class SimHashTests
{
    private static readonly string Story = string.Join(' ', Enumerable.Range(1, 12).Select(i =>
        $"Senators from both parties met for round {i} of talks on the stopgap bill, and aides said the gap on disaster aid had narrowed to {i * 3} billion dollars."));

    [Fact]
    public void A_syndicated_copy_is_a_few_bits_away_and_resembles_the_original()
    {
        var copy = "Originally published by Capitol Wire. " + Story + " Copyright Capitol Wire, used with permission.";

        Assert.InRange(SimHash.Distance(SimHash.Of(Story)!.Value, SimHash.Of(copy)!.Value), 0, 3);
        Assert.True(SimHash.Resemblance(Story, copy) > 0.6, $"resemblance {SimHash.Resemblance(Story, copy):F2}");
    }

    [Fact]
    public void Templated_reports_that_say_different_things_do_not_resemble_each_other()
    {
        // Results tables and filings share their template; only the names and numbers differ.
        static string Report(int seed) => string.Join(' ', Enumerable.Range(0, 15).Select(i =>
            $"Team {(char)('A' + ((seed + i) % 26))}{seed * 31 + i} beat Team {(char)('B' + ((seed * 7 + i) % 20))}{seed * 17 + i} by {(seed * i) % 9} runs in round {i + seed}."));

        Assert.True(SimHash.Resemblance(Report(3), Report(11)) < 0.6);
    }

    [Fact]
    public void Short_texts_have_no_fingerprint()
    {
        Assert.Null(SimHash.Of("The Senate voted on Tuesday."));
    }
}
