using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pps.Web.Features.Sessions;

/// <summary>
/// One sign-in of a member (a browser's cookie or an app's bearer token with its refreshes), so the member can see
/// where they are signed in and end any of those sign-ins (ASVS 7.5.2). Its id travels as a claim in the cookie or
/// token. No IP address and no raw User-Agent are kept: only a coarse browser and system name.
/// </summary>
public sealed class MemberSession
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid MemberId { get; init; }

    /// <summary><see cref="SessionKinds.Browser"/> (cookie) or <see cref="SessionKinds.App"/> (bearer token).</summary>
    public required string Kind { get; init; }

    /// <summary>Browser family from the User-Agent (Firefox, Chrome, …), or null when unknown.</summary>
    public string? Browser { get; init; }

    /// <summary>Operating system family from the User-Agent (Windows, Android, …), or null when unknown.</summary>
    public string? System { get; init; }

    public DateTimeOffset SignedInAt { get; init; }

    /// <summary>The absolute end (<see cref="Infrastructure.Sessions.SessionOptions.AbsoluteLifetime"/> after sign-in), whatever the activity.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Updated at most every <see cref="Infrastructure.Sessions.SessionOptions.LastSeenInterval"/>, not per request.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>
    /// The member's security stamp the session runs under. A rotation (log-out, rights change, password reset) ends
    /// every session signed in under the old stamp, so only sessions with the current stamp are listed as active.
    /// </summary>
    public required string Stamp { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? EndReason { get; set; }
}

public static class SessionKinds
{
    public const string Browser = "browser";

    public const string App = "app";
}

internal sealed class MemberSessionConfiguration : IEntityTypeConfiguration<MemberSession>
{
    public void Configure(EntityTypeBuilder<MemberSession> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Kind).HasMaxLength(16);
        b.Property(s => s.Browser).HasMaxLength(40);
        b.Property(s => s.System).HasMaxLength(40);
        b.Property(s => s.Stamp).HasMaxLength(256);
        b.Property(s => s.EndReason).HasMaxLength(40);
        b.HasOne<Members.Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.MemberId, s.EndedAt });
        b.HasIndex(s => s.ExpiresAt);
    }
}
