namespace Pps.Web.Features.Alerts;

/// <summary>What the browser hears about alerts over <c>/hubs/live</c>.</summary>
public interface IAlertsClient
{
    /// <summary>A new alert for this member. It carries its sequence; the client keeps the highest it saw for catch-up.</summary>
    Task AlertPosted(AlertMessage alert);

    /// <summary>Delivered/read/acknowledged counts changed; sent to the poster and to staff.</summary>
    Task AlertReceiptChanged(AlertReceiptSummary receipts);
}

/// <summary>An alert as a recipient sees it, pushed live and returned by catch-up alike.</summary>
public sealed record AlertMessage(
    Guid Id,
    long Sequence,
    string Title,
    string Body,
    string Severity,
    bool RequiresAcknowledgement,
    DateTimeOffset PostedAt,
    DateTimeOffset? ExpiresAt,
    string PostedBy,
    DateTimeOffset? ReadAt = null,
    DateTimeOffset? AcknowledgedAt = null);

public sealed record AlertReceiptSummary(
    Guid AlertId,
    int Recipients,
    int Delivered,
    int Read,
    int Acknowledged,
    IReadOnlyList<AlertRecipient> NotAcknowledged);

public sealed record AlertRecipient(Guid MemberId, string Name, DateTimeOffset? DeliveredAt, DateTimeOffset? ReadAt, DateTimeOffset? AcknowledgedAt);

internal static class AlertMessages
{
    public static string Name(this AlertSeverity s) => s.ToString().ToLowerInvariant();

    public static AlertMessage ToMessage(this Alert a, AlertReceipt? r = null) => new(
        a.Id, a.Sequence, a.Title, a.Body, a.Severity.Name(), a.RequiresAcknowledgement, a.PostedAt, a.ExpiresAt, a.PostedByName,
        r?.ReadAt, r?.AcknowledgedAt);
}
