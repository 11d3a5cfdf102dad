using System.Security.Cryptography;

namespace Herald.Testing;

/// <summary>
/// Keys the tests make for themselves: SendGrid's event webhook key pair (SendGrid mode requires the public half),
/// the Inbound Parse security policy's pair, and the secret in the Inbound Parse webhook URL.
/// </summary>
public static class TestKeys
{
    public static ECDsa Webhook { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string WebhookPublicKey { get; } = Convert.ToBase64String(Webhook.ExportSubjectPublicKeyInfo());

    public static ECDsa InboundParse { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string InboundParsePublicKey { get; } = Convert.ToBase64String(InboundParse.ExportSubjectPublicKeyInfo());

    public const string InboundSecret = "inbound-secret-for-tests-0123456789";
}
