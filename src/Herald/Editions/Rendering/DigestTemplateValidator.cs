using Herald.Configuration;
using Herald.Editions.Scheduling;
using Herald.Links;
using Herald.Templates;
using Microsoft.Extensions.Options;
using Scriban.Syntax;

namespace Herald.Editions.Rendering;

/// <summary>
/// Renders a sample edition with each newsletter's templates at start, strictly: a variable or member the model does
/// not have ("{{ story.titel }}") stops the app with the file, line and column, instead of a blank in every digest.
/// Only what the sample reaches is checked; a member read in a branch the sample does not take fails when an edition
/// that takes it is rendered, with the same message.
/// </summary>
internal sealed class DigestTemplateValidator(TimeProvider time) : IValidateOptions<HeraldOptions>
{
    public ValidateOptionsResult Validate(string? name, HeraldOptions options)
    {
        if (!Directory.Exists(TemplateCatalog.ResolveDirectory(options.TemplateDirectory)) || !Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out _))
        {
            return ValidateOptionsResult.Skip; // the template folder's and the address's own checks say what is wrong
        }

        var snapshot = Options.Create(options);
        var renderer = new DigestRenderer(new TemplateCatalog(snapshot), new SiteLinks(snapshot));
        var failures = new List<string>();
        for (var i = 0; i < options.Newsletters.Count; i++)
        {
            var newsletter = options.Newsletters[i];
            if (SubjectLine.Problem(newsletter) is { } subject)
            {
                failures.Add($"Herald:Newsletters:{i}:Subject: {subject}");
            }

            if (ScheduleValidator.Problem(newsletter) is not null)
            {
                continue; // the schedule's own validator names it
            }

            try
            {
                var now = time.GetUtcNow();
                renderer.Render(newsletter, NewsletterSchedule.For(newsletter).SlotAt(now), $"{newsletter.Id}-check", SampleEdition.For(newsletter, now));
            }
            catch (ScriptRuntimeException ex)
            {
                failures.Add($"Herald:Newsletters:{i}:Template: '{newsletter.Template}' does not render: {ex.Message}");
            }
            catch (Exception ex) when (ex is FileNotFoundException or InvalidOperationException)
            {
                // A missing or unparsable template is named by the template folder's own validator.
            }
        }

        return failures.ToResult();
    }
}
