using System.Security.Cryptography;

namespace Herald.Tests.Infrastructure;

/// <summary>Keys the tests make for themselves: SendGrid's webhook key pair (SendGrid mode requires the public half).</summary>
public static class TestKeys
{
    public static ECDsa Webhook { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string WebhookPublicKey { get; } = Convert.ToBase64String(Webhook.ExportSubjectPublicKeyInfo());
}
