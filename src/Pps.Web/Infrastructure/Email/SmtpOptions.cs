namespace Pps.Web.Infrastructure.Email;

/// <summary>Configuration section <c>Smtp</c>.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>Empty: e-mail stays queued (and is visible in the database) until a server is configured.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary><c>None</c>, <c>StartTls</c>, <c>SslOnConnect</c> or <c>Auto</c>.</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "PPS Hub <noreply@pps-hub.local>";
}
