using Herald.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Storage;

/// <summary>Fails at start when the storage connection is neither a connection string nor a set of service URIs.</summary>
internal sealed class StorageOptionsValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = AnnotatedSettings.Validate(options, StorageOptions.SectionName).ToList();
        var problem = StorageConnection.Describe(configuration.GetSection(StorageOptions.ConnectionName));
        if (problem is not null)
        {
            failures.Add($"{StorageOptions.ConnectionName}: {problem}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
