using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Signals;

/// <summary>The case list of a desk, newest first, filtered by status, category, estate and period.</summary>
public sealed record GetSignals(
    SignalRoute Route,
    SignalStatus? Status = null,
    string? Category = null,
    Guid? EstateId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null) : IQuery<Result<IReadOnlyList<SignalSummary>>>;

public sealed record SignalSummary(
    Guid Id,
    string Reference,
    string Category,
    string CategoryLabel,
    Guid? EstateId,
    string? EstateName,
    SignalStatus Status,
    SignalPriority Priority,
    ReportMode Mode,
    Guid? AssignedToId,
    string? AssignedToName,
    DateTimeOffset ReceivedAt,
    DateTimeOffset SeenAt);

internal sealed class GetSignalsValidator : AbstractValidator<GetSignals>
{
    public GetSignalsValidator()
    {
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Category).Must((q, c) => c is null || SignalCategories.Find(q.Route, c) is not null).WithMessage("Unknown category.");
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null);
    }
}

internal sealed class GetSignalsHandler(PpsDb db, ICurrentMember me, IAuditLog audit) : IQueryHandler<GetSignals, Result<IReadOnlyList<SignalSummary>>>
{
    public const int PageSize = 200;

    public async ValueTask<Result<IReadOnlyList<SignalSummary>>> Handle(GetSignals q, CancellationToken ct)
    {
        if (!SignalAccess.CanHandle(me, q.Route))
        {
            return Result<IReadOnlyList<SignalSummary>>.NotFound();
        }

        var query = db.Signals.Where(s => s.Route == q.Route);
        if (q.Status is { } status)
        {
            query = query.Where(s => s.Status == status);
        }

        if (q.Category is { } category)
        {
            query = query.Where(s => s.Category == category);
        }

        if (q.EstateId is { } estate)
        {
            query = query.Where(s => s.EstateId == estate);
        }

        if (q.From is { } from)
        {
            query = query.Where(s => s.ReceivedAt >= from);
        }

        if (q.To is { } to)
        {
            query = query.Where(s => s.ReceivedAt <= to);
        }

        var rows = await query
            .OrderByDescending(s => s.ReceivedAt)
            .Take(PageSize)
            .Select(s => new
            {
                s.Id, s.Reference, s.Category, s.EstateId, s.Status, s.Priority, s.Mode, s.AssignedToId, s.ReceivedAt, s.SeenAt,
                EstateName = db.Estates.Where(e => e.Id == s.EstateId).Select(e => e.Name).FirstOrDefault(),
                AssignedToName = db.Users.Where(m => m.Id == s.AssignedToId).Select(m => m.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);

        audit.Add($"{SignalAccess.AuditPrefix(q.Route)}.listed", null, detail: $"count={rows.Count}");
        await db.SaveChangesAsync(ct);
        return Result<IReadOnlyList<SignalSummary>>.Ok(rows
            .Select(r => new SignalSummary(r.Id, r.Reference, r.Category, SignalCategories.LabelOf(r.Category), r.EstateId, r.EstateName, r.Status, r.Priority, r.Mode, r.AssignedToId, r.AssignedToName, r.ReceivedAt, r.SeenAt))
            .ToList());
    }
}
