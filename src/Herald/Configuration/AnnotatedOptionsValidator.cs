using Microsoft.Extensions.Options;

namespace Herald.Configuration;

/// <summary>Validates an options class by its data annotations alone, naming each failure by its setting path.</summary>
internal sealed class AnnotatedOptionsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        AnnotatedSettings.Validate(options, section).ToList().ToResult();
}
