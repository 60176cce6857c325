using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Awareness;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Onboarding;

/// <summary>The steps in the order a new entrepreneur meets them.</summary>
public enum OnboardingStep
{
    ConfirmEmail = 0,
    TwoFactor = 1,
    KvkAndBranch = 2,
    LinkUnit = 3,
    MustReads = 4,
    MeetAssociation = 5,
    KnowContacts = 6,
    GetVetted = 7,
}

/// <param name="DoneAt">When it became true, where the hub knows it.</param>
public sealed record StepState(OnboardingStep Step, bool Done, bool Required, DateTimeOffset? DoneAt);

public sealed record Checklist(Guid MemberId, string Name, IReadOnlyList<StepState> Steps, DateTimeOffset RegisteredAt)
{
    public bool Complete => Steps.All(s => s.Done || !s.Required);

    /// <summary>The first required step that is not done; null when complete.</summary>
    public OnboardingStep? StuckAt => Steps.FirstOrDefault(s => s.Required && !s.Done)?.Step;

    /// <summary>Since the last step the hub saw completing, or registration: how long the member has been waiting here.</summary>
    public DateTimeOffset StuckSince => Steps.Where(s => s.Done && s.DoneAt is not null).Select(s => s.DoneAt!.Value).Append(RegisteredAt).Max();
}

/// <summary>
/// Computes checklists on read from the underlying facts, so a step turns done the moment its fact is true and
/// can never be ticked by the member.
/// </summary>
public static class OnboardingChecklist
{
    public static async Task<Dictionary<Guid, Checklist>> ForAsync(PpsDb db, IReadOnlyCollection<Guid> memberIds, CancellationToken ct)
    {
        var members = await db.Members.Where(m => memberIds.Contains(m.Id))
            .Select(m => new { m.Id, m.DisplayName, m.EmailConfirmed, m.TwoFactorEnabled, m.OrganisationId, m.VettingLevel, m.VettedSince, m.CreatedAt })
            .ToListAsync(ct);
        var organisationIds = members.Where(m => m.OrganisationId is not null).Select(m => m.OrganisationId!.Value).Distinct().ToArray();
        // Most new members have no organisation yet: no round trips for an empty list.
        var organisations = organisationIds.Length == 0 ? [] : await db.Organisations.Where(o => organisationIds.Contains(o.Id))
            .Select(o => new OrganisationFacts(o.Id, o.KvkNumber, o.BranchNumber)).ToDictionaryAsync(o => o.Id, ct);
        var occupying = organisationIds.Length == 0 ? [] : (await db.Units.Where(u => u.OccupantOrganisationId != null && organisationIds.Contains(u.OccupantOrganisationId.Value))
            .Select(u => u.OccupantOrganisationId!.Value).Distinct().ToListAsync(ct)).ToHashSet();
        var progress = await db.OnboardingProgress.Where(p => memberIds.Contains(p.MemberId)).ToDictionaryAsync(p => p.MemberId, ct);
        var roles = await LibraryAccess.RolesOfAsync(db, memberIds, ct);
        var mustReads = await MustReads.ForAsync(db, roles.Values.ToArray(), ct);

        var result = new Dictionary<Guid, Checklist>();
        foreach (var m in members)
        {
            var organisation = m.OrganisationId is { } oid && organisations.TryGetValue(oid, out var o) ? o : null;
            var reads = mustReads[m.Id];
            progress.TryGetValue(m.Id, out var p);
            var readsDone = reads.All(r => r.Done);
            result[m.Id] = new Checklist(m.Id, m.DisplayName,
            [
                new(OnboardingStep.ConfirmEmail, m.EmailConfirmed, true, null),
                new(OnboardingStep.TwoFactor, m.TwoFactorEnabled, false, null),
                new(OnboardingStep.KvkAndBranch, !string.IsNullOrEmpty(organisation?.KvkNumber) && !string.IsNullOrEmpty(organisation?.BranchNumber), true, null),
                new(OnboardingStep.LinkUnit, organisation is not null && occupying.Contains(organisation.Id), true, null),
                new(OnboardingStep.MustReads, readsDone, true, readsDone && reads.Count > 0 ? reads.Max(r => r.ConfirmedAt) : null),
                new(OnboardingStep.MeetAssociation, p?.MetAssociationAt is not null, true, p?.MetAssociationAt),
                new(OnboardingStep.KnowContacts, p?.ContactsSeenAt is not null, true, p?.ContactsSeenAt),
                new(OnboardingStep.GetVetted, m.VettingLevel == VettingLevel.Vetted, true, m.VettedSince),
            ], m.CreatedAt);
        }

        return result;
    }

    private sealed record OrganisationFacts(Guid Id, string? KvkNumber, string? BranchNumber);

    /// <summary>Members with the entrepreneur role on the estate (the ones onboarding is for).</summary>
    public static async Task<List<Guid>> EntrepreneursOfAsync(PpsDb db, Guid estateId, CancellationToken ct)
        => await db.RoleAssignments.Where(r => r.EstateId == estateId && r.Role == Roles.Entrepreneur)
            .Join(db.Members.Where(m => m.ErasedAt == null), r => r.MemberId, m => m.Id, (r, m) => m.Id)
            .Distinct().ToListAsync(ct);
}
