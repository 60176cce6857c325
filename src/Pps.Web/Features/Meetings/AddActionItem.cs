using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Meetings;

/// <summary>The organiser adds an action with an owner (a member or an organisation of the tenant) and a due date.</summary>
public sealed record AddActionItem(Guid MeetingId, string Title, Guid? OwnerMemberId = null, Guid? OwnerOrganisationId = null, DateOnly? DueDate = null, Guid? EstateId = null)
    : ICommand<Result<ActionCreated>>;

public sealed record ActionCreated(Guid Id);

internal sealed class AddActionItemValidator : AbstractValidator<AddActionItem>
{
    public AddActionItemValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(500);
        RuleFor(c => c.OwnerOrganisationId).Null().When(c => c.OwnerMemberId is not null).WithMessage("An action has one owner: a member or an organisation.");
    }
}

internal static class ActionOwners
{
    public static async Task<string?> CheckAsync(PpsDb db, Guid? member, Guid? organisation, CancellationToken ct)
    {
        if (member is { } m && !await db.Members.AnyAsync(x => x.Id == m && x.TenantId != null, ct))
        {
            return "ownerMemberId";
        }

        if (organisation is { } o && !await db.Organisations.AnyAsync(x => x.Id == o, ct))
        {
            return "ownerOrganisationId";
        }

        return null;
    }
}

internal sealed class AddActionItemHandler(PpsDb db, ICurrentMember me, TimeProvider clock, IAuditLog audit) : ICommandHandler<AddActionItem, Result<ActionCreated>>
{
    public async ValueTask<Result<ActionCreated>> Handle(AddActionItem cmd, CancellationToken ct)
    {
        var meeting = await MeetingAccess.OrganisedAsync(db, me, cmd.MeetingId, ct);
        if (meeting is null)
        {
            return Result<ActionCreated>.NotFound();
        }

        var estateId = cmd.EstateId ?? meeting.Estates.Select(e => e.EstateId).FirstOrDefault();
        if (!meeting.Estates.Any(e => e.EstateId == estateId))
        {
            return Result<ActionCreated>.Invalid("estateId", "The estate must be one of the meeting's estates.");
        }

        if (await ActionOwners.CheckAsync(db, cmd.OwnerMemberId, cmd.OwnerOrganisationId, ct) is { } field)
        {
            return Result<ActionCreated>.Invalid(field, "No such owner in your municipality.");
        }

        var action = new ActionItem
        {
            TenantId = meeting.TenantId,
            MeetingId = meeting.Id,
            EstateId = estateId,
            Title = cmd.Title.Trim(),
            OwnerMemberId = cmd.OwnerMemberId,
            OwnerOrganisationId = cmd.OwnerOrganisationId,
            DueDate = cmd.DueDate,
            CreatedAt = clock.GetUtcNow(),
        };
        db.ActionItems.Add(action);
        audit.Add("meeting.action-added", $"action:{action.Id}");
        await db.SaveChangesAsync(ct);
        return Result<ActionCreated>.Created(new ActionCreated(action.Id));
    }
}

/// <summary>Moves an action on (open, in progress, done, dropped): the meeting's organiser, or the member who owns it.</summary>
public sealed record SetActionStatus(Guid ActionId, ActionStatus Status) : ICommand<Result>;

internal sealed class SetActionStatusValidator : AbstractValidator<SetActionStatus>
{
    public SetActionStatusValidator() => RuleFor(c => c.Status).IsInEnum();
}

internal sealed class SetActionStatusHandler(PpsDb db, ICurrentMember me, IAuditLog audit) : ICommandHandler<SetActionStatus, Result>
{
    public async ValueTask<Result> Handle(SetActionStatus cmd, CancellationToken ct)
    {
        var action = await db.ActionItems.SingleOrDefaultAsync(a => a.Id == cmd.ActionId, ct);
        if (action is null || (action.OwnerMemberId != me.Id && !await db.Meetings.AnyAsync(m => m.Id == action.MeetingId && m.OrganiserId == me.Id, ct)))
        {
            return Result.NotFound();
        }

        action.Status = cmd.Status;
        audit.Add("meeting.action-status", $"action:{action.Id}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
