using System.Security.Cryptography;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Meetings;

/// <summary>Makes a new private feed token (256 bits) and revokes the previous one. The token is shown once; only its hash is stored.</summary>
public sealed record RegenerateCalendarToken : ICommand<CalendarTokenIssued>;

public sealed record CalendarTokenIssued(string Url);

/// <summary>Revokes the caller's feed: subscribed calendars stop updating (the URL answers 404).</summary>
public sealed record RevokeCalendarToken : ICommand<bool>;

/// <summary>Whether the caller has an active feed (the URL itself cannot be shown again).</summary>
public sealed record GetCalendarTokenStatus : IQuery<DateTimeOffset?>;

/// <summary>The feed for a token; null when the token is unknown, tampered or revoked.</summary>
public sealed record GetCalendarFeed(string Token) : IQuery<string?>;

internal static class CalendarTokens
{
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string New() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Tokens are exactly 43 base64url characters; anything else is not looked up at all.</summary>
    public static bool LooksValid(string token) => token.Length == 43 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// The member a feed token belongs to (anonymous request: the calendar app cannot log in, the token is the
    /// credential), or null for a malformed, unknown or revoked token or an erased member. Switches the tenant context
    /// to the token's tenant, so everything read after this stays inside it.
    /// </summary>
    public static async Task<Member?> ResolveAsync(PpsDb db, ITenantContext tenant, string token, CancellationToken ct)
    {
        if (!LooksValid(token))
        {
            return null;
        }

        tenant.UseCrossTenant();
        var hash = Hash(token);
        var stored = await db.CalendarFeedTokens.SingleOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, ct);
        if (stored is null)
        {
            return null;
        }

        tenant.Use(stored.TenantId);
        return await db.Members.SingleOrDefaultAsync(m => m.Id == stored.MemberId && m.ErasedAt == null, ct);
    }
}

internal sealed class RegenerateCalendarTokenHandler(PpsDb db, ICurrentMember me, TimeProvider clock, IAuditLog audit, IOptions<PpsOptions> options)
    : ICommandHandler<RegenerateCalendarToken, CalendarTokenIssued>
{
    public async ValueTask<CalendarTokenIssued> Handle(RegenerateCalendarToken cmd, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var old in await db.CalendarFeedTokens.Where(t => t.MemberId == me.Id && t.RevokedAt == null).ToListAsync(ct))
        {
            old.RevokedAt = now;
        }

        var token = CalendarTokens.New();
        db.CalendarFeedTokens.Add(new CalendarFeedToken { TenantId = me.TenantId!.Value, MemberId = me.Id, TokenHash = CalendarTokens.Hash(token), CreatedAt = now });
        audit.Add("calendar-feed.regenerated", $"member:{me.Id}");
        await db.SaveChangesAsync(ct);
        return new CalendarTokenIssued($"{options.Value.PublicBaseUrl.TrimEnd('/')}/calendar/{token}.ics");
    }
}

internal sealed class RevokeCalendarTokenHandler(PpsDb db, ICurrentMember me, TimeProvider clock, IAuditLog audit) : ICommandHandler<RevokeCalendarToken, bool>
{
    public async ValueTask<bool> Handle(RevokeCalendarToken cmd, CancellationToken ct)
    {
        var active = await db.CalendarFeedTokens.Where(t => t.MemberId == me.Id && t.RevokedAt == null).ToListAsync(ct);
        foreach (var t in active)
        {
            t.RevokedAt = clock.GetUtcNow();
        }

        audit.Add("calendar-feed.revoked", $"member:{me.Id}");
        await db.SaveChangesAsync(ct);
        return active.Count > 0;
    }
}

internal sealed class GetCalendarTokenStatusHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetCalendarTokenStatus, DateTimeOffset?>
{
    public async ValueTask<DateTimeOffset?> Handle(GetCalendarTokenStatus query, CancellationToken ct)
        => (await db.CalendarFeedTokens.Where(t => t.MemberId == me.Id && t.RevokedAt == null).ToListAsync(ct)).Select(t => (DateTimeOffset?)t.CreatedAt).FirstOrDefault();
}

internal sealed class GetCalendarFeedHandler(PpsDb db, ITenantContext tenant, TimeProvider clock, MeetingMailer mailer) : IQueryHandler<GetCalendarFeed, string?>
{
    public async ValueTask<string?> Handle(GetCalendarFeed query, CancellationToken ct)
    {
        var member = await CalendarTokens.ResolveAsync(db, tenant, query.Token, ct);
        if (member is null)
        {
            return null;
        }

        var since = clock.GetUtcNow().AddDays(-90);
        var meetings = await db.Meetings
            .Where(m => m.EndUtc > since && (m.OrganiserId == member.Id || db.MeetingInvitees.Any(i => i.MeetingId == m.Id && i.MemberId == member.Id && i.Response != RsvpResponse.No)))
            .OrderBy(m => m.StartUtc)
            .Take(500)
            .ToListAsync(ct);
        var organiserIds = meetings.Select(m => m.OrganiserId).Distinct().ToArray();
        var organisers = await db.Members.Where(m => organiserIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => (m.Email ?? "noreply@pps-hub.local", m.DisplayName), ct);
        return MeetingCalendar.Feed(
            meetings.Select(m => (m, organisers.GetValueOrDefault(m.OrganiserId, ("noreply@pps-hub.local", "PPS Hub")).Item1, organisers.GetValueOrDefault(m.OrganiserId, ("noreply@pps-hub.local", "PPS Hub")).Item2, mailer.MeetingUrl(m))),
            clock.GetUtcNow());
    }
}
