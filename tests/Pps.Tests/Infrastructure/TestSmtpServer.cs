using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Pps.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer library) on a free loopback port for the whole test run. The hub sends to
/// it over TCP with MailKit exactly as it would to a production relay; tests read what arrived.
/// </summary>
public sealed class TestSmtpServer
{
    private static readonly Lazy<TestSmtpServer> Shared = new(() => new TestSmtpServer());
    private readonly ConcurrentQueue<MimeMessage> _messages = new();

    private TestSmtpServer()
    {
        Port = PostgresServer.FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("127.0.0.1").Endpoint(b => b.Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        var server = new SmtpServer.SmtpServer(options, services);
        _ = server.StartAsync(CancellationToken.None);
    }

    public static TestSmtpServer Instance => Shared.Value;

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages => _messages.ToArray();

    public IReadOnlyList<MimeMessage> To(string address)
        => _messages.Where(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, address, StringComparison.OrdinalIgnoreCase))).ToArray();

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            owner._messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
