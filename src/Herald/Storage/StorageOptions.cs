using System.ComponentModel.DataAnnotations;

namespace Herald.Storage;

/// <summary>
/// The "Storage" configuration section. The connection itself is the "HeraldStorage" setting, which
/// the Functions triggers use too: a connection string locally ("UseDevelopmentStorage=true"), or
/// "HeraldStorage__blobServiceUri" / "__queueServiceUri" / "__tableServiceUri" with a managed identity in Azure.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string ConnectionName = "HeraldStorage";

    /// <summary>Prefix for container, queue and table names. Empty in Azure; tests use a unique one per run.</summary>
    [RegularExpression("^[a-z0-9]{0,12}$", ErrorMessage = "must be at most 12 lowercase letters or digits")]
    public string NamePrefix { get; set; } = "";
}
