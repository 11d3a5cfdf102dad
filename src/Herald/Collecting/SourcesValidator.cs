using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Collecting;

/// <summary>Checks at start that every source names one http(s) address or file, that there is one at all, and that every tagging rule compiles.</summary>
internal sealed class SourcesValidator : IValidateOptions<HeraldOptions>
{
    public ValidateOptionsResult Validate(string? name, HeraldOptions options)
    {
        var failures = new List<string>();
        for (var n = 0; n < options.Newsletters.Count; n++)
        {
            for (var s = 0; s < options.Newsletters[n].Sources.Count; s++)
            {
                if (DescribeSourceProblem(options.Newsletters[n].Sources[s]) is { } problem)
                {
                    failures.Add($"Herald:Newsletters:{n}:Sources:{s}: {problem}");
                }
            }
        }

        for (var s = 0; s < options.Sources.Count; s++)
        {
            if (DescribeSourceProblem(options.Sources[s]) is { } problem)
            {
                failures.Add($"Herald:Sources:{s}: {problem}");
            }
        }

        if (!options.AllSources().Any())
        {
            failures.Add("Herald:Sources: no source is configured; add one to Herald:Sources or to a newsletter's Sources.");
        }

        for (var r = 0; r < options.Tagging.Rules.Count; r++)
        {
            if (Tagger.Problem(options.Tagging.Rules[r]) is { } problem)
            {
                failures.Add($"Herald:Tagging:Rules:{r}: {problem}");
            }
        }

        return failures.ToResult();
    }

    private static string? DescribeSourceProblem(FeedSourceOptions source)
    {
        var hasUrl = !string.IsNullOrWhiteSpace(source.Url);
        var hasFile = !string.IsNullOrWhiteSpace(source.File);
        if (hasUrl == hasFile)
        {
            return "set exactly one of Url and File.";
        }

        if (hasUrl && (!Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            return $"Url '{source.Url}' is not an absolute http(s) address.";
        }

        return null;
    }
}
