using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Configuration;

/// <summary>How every Herald feature registers its options: bound to a configuration section and validated when the app starts.</summary>
public static class OptionsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/>; its data annotations are checked at start, and
    /// every key of the section it does not bind is refused.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new AnnotatedOptionsValidator<TOptions>(section));
        return services.AddUnknownSettingsCheck<TOptions>(section);
    }

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/>; <typeparamref name="TValidator"/> checks it at
    /// start, and every key of the section it does not bind is refused.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services.AddUnknownSettingsCheck<TOptions>(section);
    }

    private static IServiceCollection AddUnknownSettingsCheck<TOptions>(this IServiceCollection services, string section)
        where TOptions : class =>
        services.AddSingleton<IValidateOptions<TOptions>>(sp => new UnknownSettingsValidator<TOptions>(sp.GetRequiredService<IConfiguration>(), section));

    /// <summary>A validator's failures as the result the options system expects.</summary>
    public static ValidateOptionsResult ToResult(this List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
