using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Herald.Configuration;
using Herald.Templates;
using Scriban;
using Scriban.Runtime;

namespace Herald.Editions.Rendering;

/// <summary>
/// An edition's subject, from the newsletter's Subject template (Scriban, one line) with <c>title</c> (the
/// newsletter's), <c>lead</c> (the top headline), <c>count</c> (stories), <c>more</c> (stories besides the lead) and
/// <c>date</c> (the masthead's). Rendered strictly: a variable that does not exist is an error, checked at start.
/// </summary>
public static class SubjectLine
{
    /// <summary>"White House Watch: Senate passes the budget and 8 more".</summary>
    public const string DefaultTemplate = "{{ title }}: {{ lead }}{{ if more > 0 }} and {{ more }} more{{ end }}";

    private static readonly ConcurrentDictionary<string, Template> Parsed = new(StringComparer.Ordinal);

    public static string Render(NewsletterOptions newsletter, string leadTitle, int stories, string date)
    {
        var template = Parsed.GetOrAdd(newsletter.Subject ?? DefaultTemplate, text => Template.Parse(text, "Subject"));
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"Subject: {string.Join("; ", template.Messages)}");
        }

        var globals = new ScriptObject
        {
            ["title"] = newsletter.Title,
            // One line, whatever the feed's title held: a subject is a header.
            ["lead"] = Regex.Replace(PersonalSlots.Clean(leadTitle), @"\s+", " ").Trim(),
            ["count"] = stories,
            ["more"] = stories - 1,
            ["date"] = date,
        };
        var context = new TemplateContext { StrictVariables = true, EnableRelaxedMemberAccess = false, LoopLimit = 100 };
        context.PushGlobal(globals);
        var subject = Regex.Replace(template.Render(context), @"\s+", " ").Trim();
        return subject.Length <= 200 ? subject : subject[..199].TrimEnd() + "…";
    }

    /// <summary>What is wrong with a Subject template ("Subject(1,12) : error : ..."); null when it parses and renders.</summary>
    public static string? Problem(NewsletterOptions newsletter)
    {
        try
        {
            Render(newsletter, "A sample headline", 3, "Wednesday, November 25, 2026");
            return null;
        }
        catch (Exception ex) when (ex is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException)
        {
            return ex.Message;
        }
    }
}
