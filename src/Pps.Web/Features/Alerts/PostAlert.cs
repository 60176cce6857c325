using System.Data;
using System.Text.Encodings.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Alerts;

/// <summary>
/// Posts an alert to estates, roles or the whole tenant. <paramref name="Severity"/> is a string so an unknown
/// value is a 400 naming the field rather than a JSON error.
/// </summary>
public sealed record PostAlert(
    string? Title,
    string? Body,
    string? Severity,
    IReadOnlyList<Guid>? EstateIds,
    IReadOnlyList<string>? Roles,
    bool WholeTenant,
    bool RequiresAcknowledgement,
    DateTimeOffset? ExpiresAt) : ICommand<Result<AlertDetail>>;

public sealed record AlertDetail(
    Guid Id,
    long Sequence,
    string Title,
    string Body,
    string Severity,
    bool RequiresAcknowledgement,
    DateTimeOffset PostedAt,
    DateTimeOffset? ExpiresAt,
    string PostedBy,
    IReadOnlyList<Guid> EstateIds,
    IReadOnlyList<string> Roles,
    bool WholeTenant,
    int Recipients);

internal sealed class PostAlertValidator : AbstractValidator<PostAlert>
{
    public PostAlertValidator(TimeProvider clock)
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(Alert.TitleMax);
        RuleFor(c => c.Body).NotEmpty().MaximumLength(Alert.BodyMax);
        RuleFor(c => c.Severity).NotEmpty()
            .Must(s => s is "info" or "warning" or "urgent").WithMessage("Severity is info, warning or urgent.");
        RuleFor(c => c.EstateIds).Must(e => e is null || e.Count <= 50).WithMessage("At most 50 estates.");
        RuleFor(c => c.Roles).Must(r => r is null || r.All(AlertAccess.TargetRoles.Contains))
            .WithMessage("Unknown role. Known roles: " + string.Join(", ", AlertAccess.TargetRoles) + ".");
        RuleFor(c => c.EstateIds)
            .Must((c, e) => c.WholeTenant || e is { Count: > 0 } || c.Roles is { Count: > 0 })
            .WithMessage("Choose at least one estate, role or the whole municipality.");
        RuleFor(c => c.ExpiresAt).Must(e => e is null || e > clock.GetUtcNow()).WithMessage("The expiry must be in the future.");
    }
}

internal sealed class PostAlertHandler(
    PpsDb db,
    ICurrentMember me,
    IAuditLog audit,
    IEmailQueue email,
    IOptions<PpsOptions> options,
    TimeProvider clock,
    ILogger<PostAlertHandler> log) : ICommandHandler<PostAlert, Result<AlertDetail>>
{
    public async ValueTask<Result<AlertDetail>> Handle(PostAlert cmd, CancellationToken ct)
    {
        if (!me.MayPost() || me.TenantId is not { } tenantId)
        {
            return Result<AlertDetail>.Forbidden("Only municipal staff (OOV, EZ) and estate boards post alerts.");
        }

        var estateIds = (cmd.EstateIds ?? []).Distinct().ToArray();
        var roles = (cmd.Roles ?? []).Distinct().ToArray();

        // The tenant filter hides other tenants' estates, so an estate of another tenant is simply unknown here.
        var known = await db.Estates.Where(e => estateIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
        if (known.Count != estateIds.Length)
        {
            return Result<AlertDetail>.Invalid("estateIds", "One or more estates are not estates of your municipality.");
        }

        if (!me.IsAlertStaff())
        {
            var boardOf = me.BoardEstates();
            if (estateIds.Any(e => !boardOf.Contains(e)))
            {
                return Result<AlertDetail>.Invalid("estateIds", "A board alerts only the estates it is the board of.");
            }

            if (roles.Length > 0)
            {
                return Result<AlertDetail>.Invalid("roles", "A board alerts its estates, not roles across the municipality.");
            }

            if (cmd.WholeTenant)
            {
                return Result<AlertDetail>.Invalid("wholeTenant", "A board alerts its estates, not the whole municipality.");
            }
        }

        var recipients = await ResolveRecipientsAsync(tenantId, estateIds, roles, cmd.WholeTenant, ct);
        var severity = Enum.Parse<AlertSeverity>(cmd.Severity!, ignoreCase: true);
        var posterName = await db.Members.Where(m => m.Id == me.Id).Select(m => m.DisplayName).SingleAsync(ct);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return Result<AlertDetail>.Created(await StoreAsync(cmd, tenantId, severity, posterName, estateIds, roles, recipients, ct));
            }
            catch (DbUpdateException ex) when (attempt < 5)
            {
                // Two first posts of a tenant can both try to create its counter row; the loser retries and then finds it.
                log.LogInformation("Alert sequence conflict, attempt {Attempt}: {Error}", attempt, ex.InnerException?.Message ?? ex.Message);
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<AlertDetail> StoreAsync(
        PostAlert cmd, Guid tenantId, AlertSeverity severity, string posterName, Guid[] estateIds, string[] roles,
        IReadOnlyList<(Guid Id, string? Email)> recipients, CancellationToken ct)
    {
        var now = clock.GetUtcNow();

        // SQLite: Serializable is BEGIN IMMEDIATE, the write lock up front, so posts queue instead of failing.
        // PostgreSQL: read committed; the UPDATE below locks the tenant's counter row until commit.
        await using var tx = db.Database.IsSqlite()
            ? await db.BeginTransactionAsync(IsolationLevel.Serializable, ct)
            : await db.BeginTransactionAsync(ct);

        try
        {
            var stored = await StoreInTransactionAsync(cmd, tenantId, severity, posterName, estateIds, roles, recipients, now, ct);
            await tx.CommitAsync(ct);
            return stored;
        }
        catch
        {
            // Drop the events this attempt raised: no client may hear of an alert that was never stored.
            db.DiscardPendingEvents();
            throw;
        }
    }

    private async Task<AlertDetail> StoreInTransactionAsync(
        PostAlert cmd, Guid tenantId, AlertSeverity severity, string posterName, Guid[] estateIds, string[] roles,
        IReadOnlyList<(Guid Id, string? Email)> recipients, DateTimeOffset now, CancellationToken ct)
    {
        var sequence = await NextSequenceAsync(tenantId, ct);
        var alert = new Alert
        {
            TenantId = tenantId,
            Sequence = sequence,
            Title = cmd.Title!.Trim(),
            Body = cmd.Body!.Trim(),
            Severity = severity,
            RequiresAcknowledgement = cmd.RequiresAcknowledgement,
            ExpiresAt = cmd.ExpiresAt,
            PostedBy = me.Id,
            PostedByName = posterName,
            PostedAt = now,
            TargetEstates = string.Join(',', estateIds),
            TargetRoles = string.Join(',', roles),
            TargetsWholeTenant = cmd.WholeTenant,
        };
        db.Alerts.Add(alert);
        await db.SaveChangesAsync(ct); // the receipts refer to the alert row
        await InsertReceiptsAsync(alert, recipients, ct);
        await QueuePreferredEmailAsync(alert, recipients, ct);
        audit.Add("alert.posted", $"alert:{alert.Id}");
        db.Raise(new AlertPosted(alert.Id, tenantId, alert.ToMessage(), recipients.Select(r => r.Id).ToArray()));
        await db.SaveChangesAsync(ct);
        return new AlertDetail(alert.Id, alert.Sequence, alert.Title, alert.Body, severity.Name(), alert.RequiresAcknowledgement, alert.PostedAt,
            alert.ExpiresAt, alert.PostedByName, estateIds, roles, cmd.WholeTenant, recipients.Count);
    }

    private async Task<long> NextSequenceAsync(Guid tenantId, CancellationToken ct)
    {
        var updated = await db.AlertSequences.Where(s => s.TenantId == tenantId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Last, x => x.Last + 1), ct);
        if (updated == 0)
        {
            db.AlertSequences.Add(new AlertSequence { TenantId = tenantId, Last = 1 });
            return 1;
        }

        return await db.AlertSequences.Where(s => s.TenantId == tenantId).Select(s => s.Last).SingleAsync(ct);
    }

    /// <summary>Recipients are fixed when the alert is posted: whoever holds a targeted role then.</summary>
    private async Task<IReadOnlyList<(Guid Id, string? Email)>> ResolveRecipientsAsync(Guid tenantId, Guid[] estateIds, string[] roles, bool wholeTenant, CancellationToken ct)
    {
        var memberIds = db.RoleAssignments
            .Where(r => r.TenantId == tenantId
                        && (wholeTenant
                            || (r.EstateId != null && estateIds.Contains(r.EstateId.Value))
                            || roles.Contains(r.Role)))
            .Select(r => r.MemberId);
        var members = await db.Members
            .Where(m => m.TenantId == tenantId && m.ErasedAt == null && m.Id != me.Id && memberIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Email })
            .ToListAsync(ct);
        return members.Select(m => (m.Id, m.Email)).ToArray();
    }

    /// <summary>
    /// One <c>INSERT … SELECT</c> over the recipients' ids, passed as one parameter (a JSON array on SQLite, a uuid[]
    /// on PostgreSQL). As 5,000 tracked entities the receipts were most of a post's time: change tracking and
    /// thousands of batched single-row inserts.
    /// </summary>
    private async Task InsertReceiptsAsync(Alert alert, IReadOnlyList<(Guid Id, string? Email)> recipients, CancellationToken ct)
    {
        if (recipients.Count == 0)
        {
            return;
        }

        var receipt = db.Model.FindEntityType(typeof(AlertReceipt))!;
        var table = StoreObjectIdentifier.Table(receipt.GetTableName()!, receipt.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(receipt.FindProperty(property)!.GetColumnName(table)!);
        var ids = db.Database.IsSqlite() ? "json_each({3})" : "unnest({3}) AS ids(value)";
        var insert = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} "
            + $"({Column(nameof(AlertReceipt.AlertId))}, {Column(nameof(AlertReceipt.MemberId))}, {Column(nameof(AlertReceipt.TenantId))}, {Column(nameof(AlertReceipt.Sequence))}) "
            + $"SELECT {{0}}, value, {{1}}, {{2}} FROM {ids}";
        await db.Database.ExecuteSqlRawAsync(insert, [alert.Id, alert.TenantId, alert.Sequence, recipients.Select(r => r.Id).ToArray()], ct);
    }

    private async Task QueuePreferredEmailAsync(Alert alert, IReadOnlyList<(Guid Id, string? Email)> recipients, CancellationToken ct)
    {
        // Through the receipts just inserted rather than an IN list of every recipient's id: only members with a
        // preference are looked at.
        var prefs = await db.AlertPreferences
            .Where(p => p.EmailSeverities != "" && db.AlertReceipts.Any(r => r.AlertId == alert.Id && r.MemberId == p.MemberId))
            .ToListAsync(ct);
        var wanted = prefs.Where(p => p.Severities.Contains(alert.Severity)).Select(p => p.MemberId).ToHashSet();
        var link = $"{options.Value.PublicBaseUrl.TrimEnd('/')}/Alerts/{alert.Id}";
        // One query for all of them: one per recipient (each also scanning the tracked e-mails) grew with the square
        // of the recipients who want e-mail.
        await email.QueueAllAsync(recipients.Where(r => wanted.Contains(r.Id) && !string.IsNullOrEmpty(r.Email))
            .Select(r => new EmailMessage(
                r.Email!,
                $"[{alert.Severity.Name()}] {alert.Title}",
                $"{alert.Body}\n\n{link}\n",
                $"<p>{HtmlEncoder.Default.Encode(alert.Body)}</p><p><a href=\"{HtmlEncoder.Default.Encode(link)}\">{HtmlEncoder.Default.Encode(link)}</a></p>",
                Purpose: $"alert:{alert.Id}",
                TenantId: alert.TenantId))
            .ToList(), ct);
    }
}
