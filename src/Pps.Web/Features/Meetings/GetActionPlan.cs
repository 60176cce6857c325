using System.Globalization;
using System.Text;
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

/// <summary>RFC 4180 CSV: every field quoted, quotes doubled, CRLF line ends. (CsvHelper 34 in the central versions is a rewrite with a different API.)</summary>
internal static class ActionPlanCsv
{
    public static string Write(ActionPlan plan)
    {
        var sb = new StringBuilder();
        Row(sb, "action", "owner", "due", "status", "overdue", "meeting");
        foreach (var item in plan.Items)
        {
            Row(
                sb,
                item.Action.Title,
                item.Action.Owner ?? "",
                item.Action.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                item.Action.Status.ToString(),
                item.Overdue ? "yes" : "no",
                item.Action.MeetingTitle);
        }

        return sb.ToString();
    }

    private static void Row(StringBuilder sb, params string[] fields)
    {
        sb.AppendJoin(',', fields.Select(f => "\"" + Defuse(f).Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        sb.Append("\r\n");
    }

    /// <summary>Spreadsheets run cells that start with = + - @ as formulas; a leading quote keeps them text.</summary>
    private static string Defuse(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
