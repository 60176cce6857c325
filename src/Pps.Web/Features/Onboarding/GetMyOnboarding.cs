using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Onboarding;

/// <summary>
/// The caller's checklist with the contacts they should know. Showing the contacts is itself the fact behind the
/// "know the contacts" step, so it is recorded here (once) before the checklist is computed.
/// </summary>
public sealed record GetMyOnboarding : IQuery<Result<MyOnboarding>>;

public sealed record MyOnboarding(Checklist Checklist, IReadOnlyList<Contact> Contacts);

/// <param name="Role"><c>police</c> (wijkagent) or <c>ez</c> (account manager).</param>
public sealed record Contact(string Role, string Name, string? Email, string? Phone);

internal sealed class GetMyOnboardingHandler(PpsDb db, ICurrentMember me, TimeProvider clock) : IQueryHandler<GetMyOnboarding, Result<MyOnboarding>>
{
    public async ValueTask<Result<MyOnboarding>> Handle(GetMyOnboarding query, CancellationToken ct)
    {
        if (me.TenantId is not { } tenantId || !me.Estates.Any(e => me.HasEstateRole(Roles.Entrepreneur, e)))
        {
            return Result<MyOnboarding>.NotFound("Onboarding is for entrepreneurs.");
        }

        var contactRoles = new[] { Roles.Police, Roles.Ez };
        var contacts = await db.RoleAssignments.Where(r => r.EstateId == null && contactRoles.Contains(r.Role))
            .Join(db.Members.Where(m => m.ErasedAt == null), r => r.MemberId, m => m.Id, (r, m) => new Contact(r.Role, m.DisplayName, m.Email, m.PhoneNumber))
            .ToListAsync(ct);
        contacts = contacts.OrderByDescending(c => c.Role == Roles.Police).ThenBy(c => c.Name, StringComparer.CurrentCulture).ToList();

        if (contacts.Count > 0)
        {
            var progress = await db.OnboardingProgress.SingleOrDefaultAsync(p => p.MemberId == me.Id, ct);
            if (progress is null)
            {
                progress = new OnboardingProgress { MemberId = me.Id, TenantId = tenantId };
                db.OnboardingProgress.Add(progress);
            }

            if (progress.ContactsSeenAt is null)
            {
                progress.ContactsSeenAt = clock.GetUtcNow();
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Two tabs opened at once: the other one recorded it.
                    db.ChangeTracker.Clear();
                }
            }
        }

        var checklist = (await OnboardingChecklist.ForAsync(db, [me.Id], ct))[me.Id];
        return Result<MyOnboarding>.Ok(new MyOnboarding(checklist, contacts));
    }
}
