using System.Security.Cryptography;
using System.Text;

namespace Pps.Web.Features.Signals;

/// <summary>
/// The anonymous reporter's private code: 160 random bits in Crockford base32 (32 characters, grouped by four). Only
/// its SHA-256 is stored; a plain hash is enough because the code itself has full entropy (no guessing dictionary).
/// </summary>
public static class FollowUpCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        var bytes = RandomNumberGenerator.GetBytes(20);
        var sb = new StringBuilder(40);
        var buffer = 0;
        var bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        var raw = sb.ToString();
        return string.Join('-', Enumerable.Range(0, raw.Length / 4).Select(i => raw.Substring(i * 4, 4)));
    }

    /// <summary>Upper-cases and drops spaces and dashes, and reads the look-alikes O/I/L as 0/1/1.</summary>
    public static string Normalise(string? code)
        => new((code ?? "").ToUpperInvariant().Where(c => c is not ('-' or ' ')).Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c }).ToArray());

    public static byte[] Hash(string code) => SHA256.HashData(Encoding.ASCII.GetBytes(Normalise(code)));

    public static byte[] Lookup(byte[] hash) => hash[..8];

    public static bool Matches(byte[] storedHash, string code) => CryptographicOperations.FixedTimeEquals(storedHash, Hash(code));
}
