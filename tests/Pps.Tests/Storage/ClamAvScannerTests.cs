using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Pps.Tests.Infrastructure;
using Pps.Web.Infrastructure.Storage;

namespace Pps.Tests.Storage;

/// <summary>The clamd client against the run's real clamd (EICAR test signature only) and against silent or absent peers.</summary>
public sealed class ClamAvScannerTests
{
    private static async Task<ClamAvScanner> ScannerAsync(long maxStreamBytes = ServiceProcess.ClamdStreamMaxMegabytes * 1024L * 1024)
    {
        var clamd = await ServiceProcess.SharedClamdAsync();
        Assert.True(clamd is not null, $"These tests need clamd: {ServiceProcess.SharedClamdProblem}");
        return Scanner(clamd.Port, maxStreamBytes);
    }

    private static ClamAvScanner Scanner(int port, long maxStreamBytes = 1024 * 1024, TimeSpan? scanTimeout = null)
        => new(Options.Create(new ScanningOptions
        {
            Provider = "ClamAv",
            ClamAv = new ClamAvOptions { Host = "127.0.0.1", Port = port, MaxStreamBytes = maxStreamBytes, ConnectTimeout = TimeSpan.FromSeconds(2), ScanTimeout = scanTimeout ?? TimeSpan.FromSeconds(30) },
        }));

    [Fact]
    public async Task A_clean_file_is_clean_and_clamd_answers_a_ping()
    {
        var scanner = await ScannerAsync();
        Assert.False((await scanner.ScanAsync(new MemoryStream("%PDF-1.4\nnothing to see\n%%EOF"u8.ToArray()))).IsInfected);
        await scanner.PingAsync();
    }

    [Fact]
    public async Task The_EICAR_file_is_found_with_its_signature_name()
    {
        var verdict = await (await ScannerAsync()).ScanAsync(new MemoryStream(Eicar.Bytes));
        Assert.True(verdict.IsInfected);
        Assert.StartsWith(Eicar.Signature, verdict.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_EICAR_string_split_across_two_chunks_of_a_larger_file_is_found()
    {
        // The client sends 64 KiB chunks; put the string across the first boundary.
        var content = new byte[300 * 1024];
        Eicar.Bytes.CopyTo(content, (64 * 1024) - 30);
        var verdict = await (await ScannerAsync()).ScanAsync(new MemoryStream(content));
        Assert.True(verdict.IsInfected);
    }

    [Fact]
    public async Task A_file_over_the_clients_limit_is_not_sent_and_gives_no_verdict()
    {
        var scanner = await ScannerAsync(maxStreamBytes: 1024 * 1024);
        var ex = await Assert.ThrowsAsync<ScannerUnavailableException>(() => scanner.ScanAsync(new MemoryStream(new byte[(1024 * 1024) + 1])));
        Assert.Contains("larger than the scanner's limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_clamds_own_StreamMaxLength_gives_no_verdict_rather_than_clean()
    {
        // The client's limit set above clamd's (a misconfiguration): clamd's "size limit exceeded" must not read as clean.
        var scanner = await ScannerAsync(maxStreamBytes: 64L * 1024 * 1024);
        var oversize = new byte[(ServiceProcess.ClamdStreamMaxMegabytes + 1) * 1024 * 1024];
        await Assert.ThrowsAsync<ScannerUnavailableException>(() => scanner.ScanAsync(new MemoryStream(oversize)));
    }

    [Fact]
    public async Task Nothing_listening_gives_no_verdict()
    {
        var scanner = Scanner(PostgresServer.FreePort());
        await Assert.ThrowsAsync<ScannerUnavailableException>(() => scanner.ScanAsync(new MemoryStream(Eicar.Bytes)));
        await Assert.ThrowsAsync<ScannerUnavailableException>(() => scanner.PingAsync());
    }

    [Fact]
    public async Task A_peer_that_accepts_but_never_answers_times_out_as_no_verdict()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync();
        var scanner = Scanner(port, scanTimeout: TimeSpan.FromMilliseconds(500));

        var ex = await Assert.ThrowsAsync<ScannerUnavailableException>(() => scanner.ScanAsync(new MemoryStream(Eicar.Bytes)));

        Assert.Contains("did not answer in time", ex.Message, StringComparison.Ordinal);
        (await accepted).Dispose();
    }

    [Theory]
    [InlineData("stream: OK", null)]
    [InlineData("stream: Win.Test.EICAR_HDB-1 FOUND", "Win.Test.EICAR_HDB-1")]
    public void Clamds_verdicts_are_read(string reply, string? signature)
        => Assert.Equal(signature, ClamAvScanner.Parse(reply).Signature);

    [Theory]
    [InlineData("INSTREAM size limit exceeded. ERROR")]
    [InlineData("stream: Can't allocate memory ERROR")]
    [InlineData("stream:  FOUND")]
    [InlineData("UNKNOWN COMMAND")]
    [InlineData("stream: OK but more")]
    public void Anything_but_a_clear_verdict_is_no_verdict(string reply)
        => Assert.Throws<ScannerUnavailableException>(() => ClamAvScanner.Parse(reply));
}
