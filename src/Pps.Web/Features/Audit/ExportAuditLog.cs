using System.Globalization;
using CsvHelper;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Audit;

/// <summary>
/// The audit log as CSV with the viewer's filters, newest first, at most <see cref="MaxRows"/> rows. Cells that a
/// spreadsheet would run as a formula are neutralised (CSV injection: actors and details come from users).
/// Exporting is itself audited (<c>audit.exported</c>).
/// </summary>
public sealed record ExportAuditLog(AuditFilter Filter) : IQuery<Result<byte[]>>
{
    public const int MaxRows = 50_000;
}

internal sealed class ExportAuditLogValidator : AbstractValidator<ExportAuditLog>
{
    public ExportAuditLogValidator() => this.AddFilterRules(q => q.Filter);
}

internal sealed class ExportAuditLogHandler(PpsDb db, ICurrentMember me, IAuditLog audit) : IQueryHandler<ExportAuditLog, Result<byte[]>>
{
    private static readonly string[] Header = ["id", "at", "actor", "action", "object", "result", "origin", "detail"];

    public async ValueTask<Result<byte[]>> Handle(ExportAuditLog query, CancellationToken ct)
    {
        var rows = await query.Filter.Apply(db.AuditEntries.AsNoTracking(), me)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(ExportAuditLog.MaxRows)
            .ToListAsync(ct);

        using var buffer = new MemoryStream();
        await using (var text = new StreamWriter(buffer, leaveOpen: true))
        await using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(Header);
            foreach (var e in rows)
            {
                csv.WriteRecord(
                [
                    e.Id.ToString(CultureInfo.InvariantCulture),
                    e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    e.Actor,
                    e.Action,
                    e.Object ?? "",
                    e.Result.ToString(),
                    e.Origin ?? "",
                    e.Detail ?? "",
                ]);
            }
        }

        var filters = query.Filter.Describe();
        await audit.WriteAsync("audit.exported", null, detail: $"rows={rows.Count}" + (filters.Length > 0 ? "; " + filters : ""), ct: ct);
        return Result<byte[]>.Ok(buffer.ToArray());
    }
}
