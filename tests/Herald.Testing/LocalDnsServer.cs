using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Herald.Testing;

/// <summary>
/// A DNS server on 127.0.0.1 (UDP, a free port) that answers TXT and CNAME questions from a table and NXDOMAIN for
/// anything else: enough to test what "herald doctor" makes of a sending domain's records without the internet.
/// </summary>
public sealed class LocalDnsServer : IAsyncDisposable
{
    private const ushort Txt = 16;
    private const ushort Cname = 5;
    private const ushort Any = 255;

    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Dictionary<string, (ushort Type, string Value)[]> _records;

    private LocalDnsServer(Dictionary<string, (ushort, string)[]> records)
    {
        _records = records;
        _loop = Task.Run(ServeAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    /// <summary>Answers <paramref name="txt"/> and <paramref name="cname"/> records (name → value), lower-case names.</summary>
    public static LocalDnsServer Start(IDictionary<string, string> txt, IDictionary<string, string> cname)
    {
        var records = new Dictionary<string, (ushort, string)[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in txt)
        {
            records[name] = [(Txt, value)];
        }

        foreach (var (name, value) in cname)
        {
            records[name] = [(Cname, value)];
        }

        return new LocalDnsServer(records);
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult request;
            try
            {
                request = await _socket.ReceiveAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var reply = Answer(request.Buffer);
            if (reply is not null)
            {
                await _socket.SendAsync(reply, request.RemoteEndPoint);
            }
        }
    }

    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 17)
        {
            return null;
        }

        var (name, end) = ReadName(query, 12);
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(end));
        var question = query.AsSpan(12, end + 4 - 12);
        var answers = _records.TryGetValue(name, out var found) ? found.Where(r => type == Any || r.Type == type || r.Type == Cname).ToList() : [];
        using var reply = new MemoryStream();
        reply.Write(query.AsSpan(0, 2)); // id
        reply.Write(new byte[] { 0x81, (byte)(found is null ? 0x83 : 0x80) }); // a response, recursion available; NXDOMAIN when the name is unknown
        reply.Write(new byte[] { 0, 1, 0, (byte)answers.Count, 0, 0, 0, 0 });
        reply.Write(question);
        foreach (var (recordType, value) in answers)
        {
            var data = recordType == Txt ? TxtData(value) : NameData(value);
            reply.Write(new byte[] { 0xC0, 0x0C, 0, (byte)recordType, 0, 1, 0, 0, 0, 60, (byte)(data.Length >> 8), (byte)data.Length });
            reply.Write(data);
        }

        return reply.ToArray();
    }

    private static (string Name, int End) ReadName(byte[] message, int offset)
    {
        var labels = new List<string>();
        while (offset < message.Length && message[offset] != 0)
        {
            var length = message[offset];
            labels.Add(Encoding.ASCII.GetString(message, offset + 1, length));
            offset += length + 1;
        }

        return (string.Join('.', labels), offset + 1);
    }

    private static byte[] TxtData(string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        return [(byte)bytes.Length, .. bytes];
    }

    private static byte[] NameData(string name) =>
        [.. name.Split('.').SelectMany(label => new[] { (byte)label.Length }.Concat(Encoding.ASCII.GetBytes(label))), 0];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _loop;
        _stop.Dispose();
    }
}
