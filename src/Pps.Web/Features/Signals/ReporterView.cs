using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Signals;

/// <summary>What a reporter sees of their own case: status and the lines meant for them, never notes or handler names.</summary>
public sealed record ReporterCase(
    Guid Id,
    string Reference,
    string CategoryLabel,
    SignalStatus Status,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<ReporterUpdate> Updates,
    bool QuestionOpen);

public sealed record ReporterUpdate(DateTimeOffset At, HistoryKind Kind, SignalStatus? ToStatus, string? Text);

internal static class ReporterCases
{
    public static async Task<ReporterCase> BuildAsync(PpsDb db, Signal s, CancellationToken ct)
    {
        var lines = await db.SignalHistory.IgnoreQueryFilters(["Tenant"])
            .Where(h => h.SignalId == s.Id && h.VisibleToReporter)
            .OrderBy(h => h.Id)
            .ToListAsync(ct);
        var lastQuestion = lines.LastOrDefault(l => l.Kind == HistoryKind.Question);
        var open = s.Status != SignalStatus.Closed && lastQuestion is not null && !lines.Any(l => l.Kind == HistoryKind.Answer && l.Id > lastQuestion.Id);
        return new ReporterCase(s.Id, s.Reference, SignalCategories.LabelOf(s.Category), s.Status, s.ReceivedAt,
            lines.Select(l => new ReporterUpdate(l.At, l.Kind, l.ToStatus, l.Text)).ToList(), open);
    }

    /// <summary>The reporter's answer; a case waiting for the reporter goes back to in progress.</summary>
    public static void Answer(PpsDb db, Signal s, string text, DateTimeOffset now)
    {
        SignalAccess.Append(db, s, HistoryKind.Answer, now, null, text.Trim(), visibleToReporter: true);
        if (s.Status == SignalStatus.WaitingForReporter)
        {
            SignalAccess.Append(db, s, HistoryKind.StatusChanged, now, null, visibleToReporter: true, from: s.Status, to: SignalStatus.InProgress);
            s.Status = SignalStatus.InProgress;
        }
    }
}
