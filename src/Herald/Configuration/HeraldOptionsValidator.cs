using Herald.Rendering;
using Microsoft.Extensions.Options;

namespace Herald.Configuration;

/// <summary>Checks the "Herald" section at start: annotations, unique ids, feed sources and that each template exists.</summary>
internal sealed class HeraldOptionsValidator : IValidateOptions<HeraldOptions>
{
    public ValidateOptionsResult Validate(string? name, HeraldOptions options)
    {
        var failures = AnnotatedSettings.Validate(options, HeraldOptions.SectionName).ToList();

        var templateDirectory = TemplateCatalog.ResolveDirectory(options.TemplateDirectory);
        if (!Directory.Exists(templateDirectory))
        {
            failures.Add($"Herald:TemplateDirectory: folder '{templateDirectory}' does not exist.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Newsletters.Count; i++)
        {
            var newsletter = options.Newsletters[i];
            var path = $"Herald:Newsletters:{i}";
            if (!seen.Add(newsletter.Id))
            {
                failures.Add($"{path}:Id: '{newsletter.Id}' is used by another newsletter.");
            }

            if (Directory.Exists(templateDirectory))
            {
                var missing = TemplateCatalog.DigestFiles(newsletter.Template).Where(file => !File.Exists(Path.Combine(templateDirectory, file))).ToList();
                if (missing.Count > 0)
                {
                    failures.Add($"{path}:Template: unknown template '{newsletter.Template}' (no {string.Join(" or ", missing.Select(f => $"'{f}'"))} in '{templateDirectory}').");
                }
            }

            for (var s = 0; s < newsletter.Sources.Count; s++)
            {
                var problem = DescribeSourceProblem(newsletter.Sources[s]);
                if (problem is not null)
                {
                    failures.Add($"{path}:Sources:{s}: {problem}");
                }
            }
        }

        for (var s = 0; s < options.Sources.Count; s++)
        {
            var problem = DescribeSourceProblem(options.Sources[s]);
            if (problem is not null)
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
            if (Collecting.Tagger.Problem(options.Tagging.Rules[r]) is { } problem)
            {
                failures.Add($"Herald:Tagging:Rules:{r}: {problem}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
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
