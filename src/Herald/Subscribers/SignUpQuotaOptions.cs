using System.ComponentModel.DataAnnotations;

namespace Herald.Subscribers;

/// <summary>The "SignUps" configuration section: how many confirmation emails one client address may set off, across every instance.</summary>
public sealed class SignUpQuotaOptions
{
    public const string SectionName = "SignUps";

    /// <summary>
    /// Confirmation emails one client address may set off in an hour, counted across every instance (the site's
    /// per-minute limits hold per instance). An office or a school behind one address signs up many people: allow for it.
    /// </summary>
    [Range(1, 100_000)]
    public int ConfirmationsPerClientPerHour { get; set; } = 60;
}
