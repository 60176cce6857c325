using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Audit;

/// <summary>A page of the audit log, newest first. Reading the log is itself audited (<c>audit.viewed</c>).</summary>
public sealed record GetAuditLog(AuditFilter Filter, int Page = 1, int PageSize = GetAuditLog.DefaultPageSize) : IQuery<Result<AuditPage>>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}

public sealed record AuditPage(IReadOnlyList<AuditRow> Items, int Page, int PageSize, int Total);

public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, string Action, string? Object, AuditResult Result, string? Origin, string? Detail);

internal sealed class GetAuditLogValidator : AbstractValidator<GetAuditLog>
{
    public GetAuditLogValidator()
    {
        this.AddFilterRules(q => q.Filter);
        RuleFor(q => q.Page).InclusiveBetween(1, 100_000);
        RuleFor(q => q.PageSize).InclusiveBetween(1, GetAuditLog.MaxPageSize);
    }
}

internal sealed class GetAuditLogHandler(PpsDb db, ICurrentMember me, IAuditLog audit) : IQueryHandler<GetAuditLog, Result<AuditPage>>
{
    public async ValueTask<Result<AuditPage>> Handle(GetAuditLog query, CancellationToken ct)
    {
        var entries = query.Filter.Apply(db.AuditEntries.AsNoTracking(), me);
        var total = await entries.CountAsync(ct);
        var items = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(e => new AuditRow(e.Id, e.At, e.Actor, e.Action, e.Object, e.Result, e.Origin, e.Detail))
            .ToListAsync(ct);
        var filters = query.Filter.Describe();
        await audit.WriteAsync("audit.viewed", null, detail: $"page={query.Page}" + (filters.Length > 0 ? "; " + filters : ""), ct: ct);
        return Result<AuditPage>.Ok(new AuditPage(items, query.Page, query.PageSize, total));
    }
}
