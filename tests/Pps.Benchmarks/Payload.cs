using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Pps.Benchmarks;

/// <summary>
/// The one clock of the harness: microseconds since it started, monotonic. Senders and receivers live in the same
/// process, so a send time written into a message and the receive time are read from the same clock.
/// </summary>
public static class BenchClock
{
    private static readonly long Start = Stopwatch.GetTimestamp();

    public static long NowMicros => (long)((Stopwatch.GetTimestamp() - Start) * (1_000_000.0 / Stopwatch.Frequency));
}

/// <summary>
/// The 1 KB JSON message every peer broadcasts: <c>{"w":window,"s":sender,"n":number,"t":sentMicros,"p":"xxx…"}</c>,
/// padded to exactly <see cref="Size"/> bytes.
/// </summary>
public static class Payload
{
    public const int Size = 1024;

    public static string Create(int window, int sender, long number, long sentMicros)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"{{\"w\":{window},\"s\":{sender},\"n\":{number},\"t\":{sentMicros},\"p\":\"");
        return head + new string('x', Math.Max(0, Size - head.Length - 2)) + "\"}";
    }

    /// <summary>Reads the window and the send time from a message, or from a frame that carries it (Socket.IO's <c>42["m",{…}]</c>).</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, out int window, out long sentMicros)
    {
        window = (int)ReadNumber(frame, "\"w\":"u8);
        sentMicros = ReadNumber(frame, "\"t\":"u8);
        return window >= 0 && sentMicros >= 0;
    }

    public static bool TryRead(string frame, out int window, out long sentMicros)
        => TryRead(Encoding.UTF8.GetBytes(frame), out window, out sentMicros);

    private static long ReadNumber(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> key)
    {
        // Only the first 120 bytes hold the fields; the padding follows.
        var head = frame[..Math.Min(frame.Length, 160)];
        var at = head.IndexOf(key);
        if (at < 0)
        {
            return -1;
        }

        long value = 0;
        var digits = 0;
        for (var i = at + key.Length; i < head.Length && head[i] is >= (byte)'0' and <= (byte)'9'; i++, digits++)
        {
            value = (value * 10) + (head[i] - '0');
        }

        return digits == 0 ? -1 : value;
    }
}
