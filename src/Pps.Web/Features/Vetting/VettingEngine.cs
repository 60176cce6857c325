using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;

namespace Pps.Web.Features.Vetting;

/// <summary>Who performs a vetting change: a member, or the hub itself (expiry, KvK re-check).</summary>
public sealed record VettingActor(Guid? Id, string Name)
{
    public static readonly VettingActor System = new(null, "system");

    public static VettingActor From(ICurrentMember me)
        => new(me.Id, me.Principal.FindFirst(PpsClaims.DisplayName)?.Value ?? me.Id.ToString());
}

/// <summary>
/// The rules every vetting use case shares: recording a step, losing vetted status, and re-examining the members a
/// lost voucher vouched for. Changes are made in the caller's unit of work; the caller saves once.
/// </summary>
public sealed class VettingEngine(PpsDb db, TimeProvider clock, IOptions<VettingOptions> options, IEmailQueue email)
{
    public TimeSpan ValidFor => options.Value.ValidFor;

    public async Task<VettingRecord> RecordOfAsync(Member member, CancellationToken ct)
    {
        var record = db.VettingRecords.Local.FirstOrDefault(r => r.MemberId == member.Id)
            ?? await db.VettingRecords.SingleOrDefaultAsync(r => r.MemberId == member.Id, ct);
        if (record is null)
        {
            record = new VettingRecord { MemberId = member.Id, TenantId = member.TenantId!.Value };
            db.VettingRecords.Add(record);
        }

        return record;
    }

    public void Step(Member member, VettingStepKind kind, VettingLevel to, VettingActor actor, string evidence, IAuditLog? audit = null)
    {
        var now = clock.GetUtcNow();
        db.VettingSteps.Add(new VettingStep
        {
            TenantId = member.TenantId!.Value,
            MemberId = member.Id,
            Kind = kind,
            From = member.VettingLevel,
            To = to,
            ActorId = actor.Id,
            ActorName = Truncate(actor.Name, 256),
            At = now,
            Evidence = Truncate(evidence, 2000),
        });
        member.VettingLevel = to;
        if (to == VettingLevel.Vetted)
        {
            member.VettedSince = now;
        }
        else
        {
            member.VettedSince = null;
        }

        var action = "vetting." + kind.ToString().ToLowerInvariant();
        if (audit is not null)
        {
            audit.Add(action, $"member:{member.Id}", detail: $"{member.VettingLevel}");
        }
        else
        {
            db.Set<AuditEntry>().Add(new AuditEntry
            {
                TenantId = member.TenantId,
                ActorId = actor.Id,
                Actor = actor.Name,
                Action = action,
                Object = $"member:{member.Id}",
                At = now,
                Detail = Truncate(evidence, 2000),
            });
        }
    }

    /// <summary>Whether the valid vouches for <paramref name="member"/> suffice: two by vetted members or one by a board member.</summary>
    public async Task<bool> VouchesSufficeAsync(Guid memberId, CancellationToken ct)
    {
        var vouches = await db.Vouches.Where(v => v.MemberId == memberId).ToListAsync(ct);
        var valid = vouches.Where(v => v.InvalidatedAt is null).ToList();
        if (valid.Count == 0)
        {
            return false;
        }

        var voucherIds = valid.Select(v => v.VoucherId).ToList();
        var vouchers = await db.Members.Where(m => voucherIds.Contains(m.Id)).ToListAsync(ct);
        var stillVetted = valid.Where(v => vouchers.Any(m => m.Id == v.VoucherId && m.VettingLevel == VettingLevel.Vetted)).ToList();
        return stillVetted.Any(v => v.ByBoard) || stillVetted.Select(v => v.VoucherId).Distinct().Count() >= 2;
    }

    /// <summary>
    /// Takes vetted (or vouched) status away and re-examines every member this one vouched for: their vouch is marked,
    /// and whoever no longer has enough vouches goes back to verified — which may cascade further.
    /// </summary>
    public async Task LoseStatusAsync(Member member, VettingStepKind kind, VettingLevel to, VettingActor actor, string evidence, IAuditLog? audit, CancellationToken ct)
    {
        var wasVetted = member.VettingLevel == VettingLevel.Vetted;
        Step(member, kind, to, actor, evidence, audit);
        var record = await RecordOfAsync(member, ct);
        record.ExpiresAt = null;
        if (!wasVetted)
        {
            return;
        }

        var queue = new Queue<Member>([member]);
        var seen = new HashSet<Guid> { member.Id };
        while (queue.TryDequeue(out var lost))
        {
            var now = clock.GetUtcNow();
            var vouches = await db.Vouches.Where(v => v.VoucherId == lost.Id && v.InvalidatedAt == null).ToListAsync(ct);
            foreach (var vouch in vouches)
            {
                vouch.InvalidatedAt = now;
                vouch.InvalidatedReason = $"Voucher lost vetted status ({kind}).";
            }

            foreach (var dependentId in vouches.Select(v => v.MemberId).Distinct())
            {
                var dependent = await db.Members.SingleOrDefaultAsync(m => m.Id == dependentId, ct);
                if (dependent is null || dependent.VettingLevel < VettingLevel.Vouched || await VouchesSufficeAsync(dependent.Id, ct))
                {
                    continue;
                }

                var dependentWasVetted = dependent.VettingLevel == VettingLevel.Vetted;
                Step(dependent, VettingStepKind.Reexamined, VettingLevel.Verified, VettingActor.System,
                    $"A voucher ({lost.DisplayName}) lost vetted status; the remaining vouches do not suffice.");
                (await RecordOfAsync(dependent, ct)).ExpiresAt = null;
                if (dependent.Email is { } to2)
                {
                    await email.QueueAsync(VettingMail.Reexamined(to2, dependent.TenantId), ct);
                }

                if (dependentWasVetted && seen.Add(dependent.Id))
                {
                    queue.Enqueue(dependent);
                }
            }
        }
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>The e-mails of vetting, in Dutch and English (the member's language is not known to a job).</summary>
internal static class VettingMail
{
    public static EmailMessage Reminder(string to, Guid? tenantId, DateTimeOffset expires, string purpose) => new(
        to,
        "Uw verificatie verloopt binnenkort / Your vetting expires soon",
        $"Uw status als gescreend lid verloopt op {expires:yyyy-MM-dd}. Neem contact op met uw accountmanager Economische Zaken voor herverificatie.\n\n"
        + $"Your vetted status expires on {expires:yyyy-MM-dd}. Contact your account manager at Economic Affairs to be re-verified.",
        Purpose: purpose,
        TenantId: tenantId);

    public static EmailMessage Lost(string to, Guid? tenantId, string reasonNl, string reasonEn) => new(
        to,
        "Uw verificatiestatus is gewijzigd / Your vetting status changed",
        $"Uw status als gescreend lid is vervallen: {reasonNl}\n\nYour vetted status has ended: {reasonEn}",
        TenantId: tenantId);

    public static EmailMessage Reinstated(string to, Guid? tenantId, string note) => new(
        to,
        "Uw schorsing is opgeheven / Your suspension has been lifted",
        $"Uw schorsing is opgeheven: {note}\n\nYour suspension has been lifted: {note}",
        TenantId: tenantId);

    public static EmailMessage Reexamined(string to, Guid? tenantId) => new(
        to,
        "Uw verificatie wordt opnieuw beoordeeld / Your vetting is being re-examined",
        "Iemand die voor u instond is niet langer gescreend. U hebt opnieuw voldoende borgen nodig.\n\n"
        + "Someone who vouched for you is no longer vetted. You need enough vouches again.",
        TenantId: tenantId);
}
