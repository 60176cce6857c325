using System.Globalization;
using System.Text;
using CsvHelper;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Meetings;

/// <summary>
/// An estate's action plan (<i>plan van aanpak</i>): every open or in-progress action across its meetings,
/// overdue ones first. For staff and the estate's board; anyone else gets 404.
/// </summary>
public sealed record GetActionPlan(Guid EstateId) : IQuery<Result<ActionPlan>>;

public sealed record ActionPlan(Guid EstateId, string EstateName, DateOnly Today, IReadOnlyList<ActionPlanItem> Items);

public sealed record ActionPlanItem(ActionDto Action, bool Overdue);

internal sealed class GetActionPlanHandler(PpsDb db, ICurrentMember me, TimeProvider clock) : IQueryHandler<GetActionPlan, Result<ActionPlan>>
{
    public async ValueTask<Result<ActionPlan>> Handle(GetActionPlan query, CancellationToken ct)
    {
        var estate = await db.Estates.SingleOrDefaultAsync(e => e.Id == query.EstateId, ct);
        if (estate is null || !MeetingAccess.MaySeeActionPlan(me, estate.Id))
        {
            return Result<ActionPlan>.NotFound();
        }

        var today = DateOnly.FromDateTime(MeetingTimes.ToLocal(clock.GetUtcNow(), Meeting.DefaultTimeZone));
        var actions = await ActionQueries.ListAsync(db, db.ActionItems.Where(a => a.EstateId == estate.Id && (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress)), ct);
        var items = actions
            .Select(a => new ActionPlanItem(a, a.DueDate is { } d && d < today))
            .OrderByDescending(i => i.Overdue)
            .ThenBy(i => i.Action.DueDate ?? DateOnly.MaxValue)
            .ThenBy(i => i.Action.Title, StringComparer.CurrentCulture)
            .ToList();
        return Result<ActionPlan>.Ok(new ActionPlan(estate.Id, estate.Name, today, items));
    }
}

/// <summary>
/// The action plan as CSV (UTF-8 with a byte-order mark so spreadsheets pick the encoding). Written with CsvHelper;
/// cells a spreadsheet would run as a formula are neutralised (CSV injection: titles and owners come from users).
/// </summary>
internal static class ActionPlanCsv
{
    private static readonly string[] Header = ["action", "owner", "due", "status", "overdue", "meeting"];

    public static byte[] Write(ActionPlan plan)
    {
        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(Header);
            foreach (var item in plan.Items)
            {
                csv.WriteRecord(
                [
                    item.Action.Title,
                    item.Action.Owner ?? "",
                    item.Action.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                    item.Action.Status.ToString(),
                    item.Overdue ? "yes" : "no",
                    item.Action.MeetingTitle,
                ]);
            }
        }

        return buffer.ToArray();
    }
}
