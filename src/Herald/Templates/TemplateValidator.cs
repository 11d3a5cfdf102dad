using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Templates;

/// <summary>
/// Fails at start when the template folder, or a template a newsletter names, is missing, or when any template in the
/// folder does not parse (each error as "file(line,column): message").
/// </summary>
internal sealed class TemplateValidator : IValidateOptions<HeraldOptions>
{
    public ValidateOptionsResult Validate(string? name, HeraldOptions options)
    {
        var failures = new List<string>();
        var directory = TemplateCatalog.ResolveDirectory(options.TemplateDirectory);
        if (!Directory.Exists(directory))
        {
            failures.Add($"Herald:TemplateDirectory: folder '{directory}' does not exist.");
            return failures.ToResult();
        }

        foreach (var file in Directory.GetFiles(directory, "*.scriban", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            failures.AddRange(TemplateCatalog.Check(file).Select(error => $"Herald:TemplateDirectory: {error}"));
        }

        for (var i = 0; i < options.Newsletters.Count; i++)
        {
            if (options.Newsletters[i].Welcome is { Length: > 0 } welcome)
            {
                var absent = new[] { $"{welcome}.html.scriban", $"{welcome}.txt.scriban" }.Where(file => !File.Exists(Path.Combine(directory, file))).ToList();
                if (absent.Count > 0)
                {
                    failures.Add($"Herald:Newsletters:{i}:Welcome: unknown template '{welcome}' (no {string.Join(" or ", absent.Select(f => $"'{f}'"))} in '{directory}').");
                }
            }

            var template = options.Newsletters[i].Template;
            var missing = TemplateCatalog.DigestFiles(template).Where(file => !File.Exists(Path.Combine(directory, file))).ToList();
            if (missing.Count > 0)
            {
                failures.Add($"Herald:Newsletters:{i}:Template: unknown template '{template}' (no {string.Join(" or ", missing.Select(f => $"'{f}'"))} in '{directory}').");
            }
        }

        return failures.ToResult();
    }
}
