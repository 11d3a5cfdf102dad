using System.Net;
using DnsClient;

namespace Herald.Cli.Doctor;

/// <summary>
/// Whether a sending domain publishes what Gmail and Yahoo require of bulk senders: an SPF record (TXT "v=spf1" at the
/// domain), DKIM keys where SendGrid's domain authentication puts them (s1 and s2 under _domainkey, CNAME or TXT) and
/// a DMARC policy (TXT "v=DMARC1" at _dmarc). When DNS does not answer, nothing is claimed either way.
/// </summary>
public sealed class SenderDomainCheck(IPEndPoint? server = null)
{
    private readonly LookupClient _dns = new(server is null ? new LookupClientOptions() { UseCache = false, Timeout = TimeSpan.FromSeconds(3), Retries = 0 } : new LookupClientOptions(server) { UseCache = false, Timeout = TimeSpan.FromSeconds(3), Retries = 0 });

    /// <summary>Names reserved for examples and tests (RFC 2606, RFC 6761), which nobody can publish records for.</summary>
    public static bool IsReserved(string domain) =>
        domain is "example.com" or "example.net" or "example.org" || domain.EndsWith(".example", StringComparison.Ordinal) || domain.EndsWith(".test", StringComparison.Ordinal)
        || domain.EndsWith(".invalid", StringComparison.Ordinal) || domain.EndsWith(".localhost", StringComparison.Ordinal) || domain.EndsWith(".example.com", StringComparison.Ordinal);

    public async Task<DoctorCheck> CheckAsync(string domain, CancellationToken cancellationToken)
    {
        var name = $"sending domain: {domain}";
        try
        {
            var spf = (await TextAsync(domain, cancellationToken)).Any(t => t.StartsWith("v=spf1", StringComparison.OrdinalIgnoreCase));
            var dmarc = (await TextAsync("_dmarc." + domain, cancellationToken)).Any(t => t.StartsWith("v=DMARC1", StringComparison.OrdinalIgnoreCase));
            var dkim = false;
            foreach (var selector in new[] { "s1", "s2" })
            {
                var answer = await _dns.QueryAsync($"{selector}._domainkey.{domain}", QueryType.ANY, QueryClass.IN, cancellationToken);
                dkim |= answer.Answers.CnameRecords().Any() || answer.Answers.TxtRecords().Any(t => t.Text.Any(p => p.Contains("p=", StringComparison.Ordinal)));
            }

            var missing = new[] { (spf, "SPF (TXT \"v=spf1 include:sendgrid.net ~all\")"), (dkim, "DKIM (the s1/s2._domainkey CNAMEs SendGrid's domain authentication gives)"), (dmarc, "DMARC (TXT \"v=DMARC1; p=none; rua=...\" at _dmarc)") }
                .Where(r => !r.Item1).Select(r => r.Item2).ToList();
            return missing.Count == 0
                ? new DoctorCheck(name, true, "publishes SPF, DKIM and DMARC")
                : new DoctorCheck(name, false, "does not publish " + string.Join(", ", missing) + ": Gmail and Yahoo require all three of bulk senders.");
        }
        catch (DnsResponseException ex)
        {
            return new DoctorCheck(name, null, $"DNS did not answer ({ex.Code}); SPF, DKIM and DMARC not checked");
        }
    }

    private async Task<IEnumerable<string>> TextAsync(string name, CancellationToken cancellationToken)
    {
        var answer = await _dns.QueryAsync(name, QueryType.TXT, QueryClass.IN, cancellationToken);
        return answer.Answers.TxtRecords().Select(t => string.Concat(t.Text));
    }
}
