using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Sessions;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.TwoFactorPolicy;

/// <summary>
/// Sets who of a tenant must sign in with two factors. When the requirement becomes stricter, members it newly applies
/// to get <see cref="GraceDays"/> (default 14; 0 = at once) to enrol, with a reminder instead of the block. Audited as
/// <c>tenant.two-factor-policy.changed</c> in the tenant's log.
/// </summary>
public sealed record ChangeTwoFactorPolicy(Guid TenantId, TwoFactorRequirement? Requirement, int? GraceDays = null) : ICommand<Result<TwoFactorPolicyView>>;

internal sealed class ChangeTwoFactorPolicyValidator : AbstractValidator<ChangeTwoFactorPolicy>
{
    public ChangeTwoFactorPolicyValidator()
    {
        RuleFor(c => c.Requirement).NotNull().IsInEnum().WithMessage("Choose notRequired, privileged or everyone.");
        RuleFor(c => c.GraceDays).InclusiveBetween(0, ChangeTwoFactorPolicyHandler.MaxGraceDays)
            .WithMessage($"The grace period is 0 to {ChangeTwoFactorPolicyHandler.MaxGraceDays} days.");
    }
}

internal sealed class ChangeTwoFactorPolicyHandler(
    PpsDb db, ICurrentMember me, ITenantContext tenant, IAuditLog audit, TimeProvider clock, TwoFactorEnrolment enrolment, SessionChannel instances)
    : ICommandHandler<ChangeTwoFactorPolicy, Result<TwoFactorPolicyView>>
{
    public const int DefaultGraceDays = 14;

    public const int MaxGraceDays = 90;

    public async ValueTask<Result<TwoFactorPolicyView>> Handle(ChangeTwoFactorPolicy cmd, CancellationToken ct)
    {
        if (!me.MayAdminister(cmd.TenantId) || !await db.Tenants.AnyAsync(t => t.Id == cmd.TenantId, ct))
        {
            return Result<TwoFactorPolicyView>.NotFound();
        }

        if (me.IsPlatformAdmin())
        {
            tenant.Use(cmd.TenantId);
        }

        var requirement = cmd.Requirement!.Value;
        var now = clock.GetUtcNow();
        var policy = await db.TwoFactorPolicies.IgnoreQueryFilters().SingleOrDefaultAsync(p => p.TenantId == cmd.TenantId, ct);
        var before = policy?.Requirement ?? TwoFactorRequirement.NotRequired;
        if (policy is null)
        {
            policy = new TenantTwoFactorPolicy { TenantId = cmd.TenantId };
            db.TwoFactorPolicies.Add(policy);
        }

        // A stricter requirement starts a grace period; an explicit number of days sets a new one (0 ends it); a relaxed
        // requirement keeps the deadline of those it still applies to.
        if (requirement == TwoFactorRequirement.NotRequired)
        {
            policy.EnrolBy = null;
        }
        else if (requirement > before || cmd.GraceDays is not null)
        {
            var days = cmd.GraceDays ?? DefaultGraceDays;
            policy.EnrolBy = days == 0 ? null : now.AddDays(days);
        }

        policy.Requirement = requirement;
        policy.ChangedAt = now;
        policy.ChangedBy = me.Id;
        audit.AddInTenant(db, cmd.TenantId, "tenant.two-factor-policy.changed", $"tenant:{cmd.TenantId}",
            string.Create(CultureInfo.InvariantCulture, $"from={before};to={requirement};enrolBy={policy.EnrolBy?.ToString("O", CultureInfo.InvariantCulture) ?? "-"}"));
        await db.SaveChangesAsync(ct);
        enrolment.Evict(cmd.TenantId);
        await instances.PublishTwoFactorPolicyChangedAsync(cmd.TenantId); // the other instances' caches, over Redis
        return Result<TwoFactorPolicyView>.Ok((await TwoFactorPolicyAccess.ViewAsync(db, cmd.TenantId, ct))!);
    }
}
