using System.Collections.Concurrent;
using Herald.Configuration;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Herald.Templates;

/// <summary>
/// Loads and caches Herald's Scriban templates from the configured folder. Templates are ours; article
/// content only ever reaches them as data, never as template text.
/// </summary>
public sealed class TemplateCatalog(IOptions<HeraldOptions> options)
{
    private readonly ConcurrentDictionary<string, Template> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?> _stylesheets = new(StringComparer.Ordinal);
    private readonly string _directory = ResolveDirectory(options.Value.TemplateDirectory);

    public static IEnumerable<string> DigestFiles(string template) => [$"{template}.html.scriban", $"{template}.txt.scriban"];

    public static string ResolveDirectory(string directory) =>
        Path.IsPathRooted(directory) ? directory : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, directory));

    public string Render(string file, object model)
    {
        var template = _cache.GetOrAdd(file, Load);
        var globals = new ScriptObject();
        globals.Import(model, renamer: StandardMemberRenamer.Default);
        globals.Import("wrap", new Func<string, int, string, string>(TextWrap.Wrap));
        var context = new TemplateContext
        {
            TemplateLoader = new FolderTemplateLoader(_directory),
            LoopLimit = 10_000,
            RecursiveLimit = 50,
            // Strict: a variable or member the model does not have ("story.titel") is an error with file, line and
            // column, never an empty string in every reader's copy.
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            MemberRenamer = StandardMemberRenamer.Default,
        };
        context.PushGlobal(globals);
        return template.Render(context);
    }

    /// <summary>The template set's stylesheet, "{template}.css" in the template folder, read once; null when the set has none.</summary>
    public string? ReadStylesheet(string template) =>
        _stylesheets.GetOrAdd(template, name => FolderTemplateLoader.PathInside(_directory, name + ".css") is var path && File.Exists(path) ? File.ReadAllText(path) : null);

    /// <summary>Parses a template file and returns what is wrong with it as "file(line,column): message" lines; empty when it parses.</summary>
    public static IReadOnlyList<string> Check(string path)
    {
        var template = Template.Parse(File.ReadAllText(path), path);
        return template.HasErrors ? [.. template.Messages.Select(m => m.ToString())] : [];
    }

    private Template Load(string file)
    {
        var path = FolderTemplateLoader.PathInside(_directory, file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Template '{file}' is not in '{_directory}'.", path);
        }

        var template = Template.Parse(File.ReadAllText(path), path);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"Template '{file}' has errors: {string.Join("; ", template.Messages)}");
        }

        return template;
    }

    /// <summary>Resolves {{ include "x" }} inside the template folder only.</summary>
    private sealed class FolderTemplateLoader(string directory) : ITemplateLoader
    {
        public static string PathInside(string directory, string name)
        {
            var full = Path.GetFullPath(Path.Combine(directory, name));
            var root = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return full.StartsWith(root, StringComparison.Ordinal)
                ? full
                : throw new InvalidOperationException($"Template '{name}' is outside the template folder.");
        }

        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => PathInside(directory, templateName);

        public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => File.ReadAllText(templatePath);

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) => new(File.ReadAllText(templatePath));
    }
}
