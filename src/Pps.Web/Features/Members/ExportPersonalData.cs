using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Members;

/// <summary>
/// Everything the hub holds on the caller personally (GDPR art. 15/20): the member record, roles, the audit
/// entries where they are the actor and the e-mails sent to them. Secrets (password hash, authenticator key,
/// recovery codes, security stamp) are not personal data to hand out and are left out.
/// </summary>
public sealed record ExportPersonalData : ICommand<Result<PersonalDataExport>>;

public sealed record PersonalDataExport(
    DateTimeOffset ExportedAt,
    ExportedMember Member,
    IReadOnlyList<ExportedRole> Roles,
    IReadOnlyList<ExportedAuditEntry> AuditEntries,
    IReadOnlyList<ExportedEmail> Emails);

public sealed record ExportedMember(
    Guid Id,
    string? Email,
    string? UserName,
    bool EmailConfirmed,
    string DisplayName,
    string? PhoneNumber,
    Guid? TenantId,
    string? TenantName,
    Guid? OrganisationId,
    string? OrganisationName,
    string VettingLevel,
    DateTimeOffset? VettedSince,
    string Culture,
    bool SharePhone,
    bool ShareEmail,
    string? StatedKvkNumber,
    string? StatedBranchNumber,
    bool TwoFactorEnabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ErasureRequestedAt,
    IReadOnlyList<string> ExternalLogins);

public sealed record ExportedRole(string Role, Guid? EstateId, string? EstateName, DateTimeOffset AssignedAt);

public sealed record ExportedAuditEntry(DateTimeOffset At, string Action, string? Object, string Result, string? Origin, string? Detail);

public sealed record ExportedEmail(DateTimeOffset QueuedAt, DateTimeOffset? SentAt, string Subject, string TextBody);

internal sealed class ExportPersonalDataHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<ExportPersonalData, Result<PersonalDataExport>>
{
    public async ValueTask<Result<PersonalDataExport>> Handle(ExportPersonalData cmd, CancellationToken ct)
    {
        var m = await db.Members.AsNoTracking().SingleOrDefaultAsync(x => x.Id == me.Id && x.ErasedAt == null, ct);
        if (m is null)
        {
            return Result<PersonalDataExport>.NotFound();
        }

        // Audited first and saved with nothing else, so the export itself is part of what it shows.
        audit.Add("privacy.exported", $"member:{m.Id}");
        await db.SaveChangesAsync(ct);

        var tenantName = m.TenantId is { } tid ? await db.Tenants.Where(x => x.Id == tid).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        var organisationName = m.OrganisationId is { } oid
            ? await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == oid).Select(o => o.Name).SingleOrDefaultAsync(ct)
            : null;
        var logins = await db.UserLogins.Where(l => l.UserId == m.Id).Select(l => l.LoginProvider).ToListAsync(ct);
        var roles = await db.RoleAssignments.IgnoreQueryFilters().AsNoTracking().Where(r => r.MemberId == m.Id)
            .Select(r => new ExportedRole(r.Role, r.EstateId, db.Estates.IgnoreQueryFilters().Where(e => e.Id == r.EstateId).Select(e => e.Name).FirstOrDefault(), r.AssignedAt))
            .ToListAsync(ct);
        var auditRows = await db.AuditEntries.AsNoTracking().Where(a => a.ActorId == m.Id).OrderBy(a => a.Id).ToListAsync(ct);
        var email = m.Email ?? "";
        var mails = await db.OutboundEmails.AsNoTracking().Where(e => e.To == email).OrderBy(e => e.Id).ToListAsync(ct);

        return Result<PersonalDataExport>.Ok(new PersonalDataExport(
            clock.GetUtcNow(),
            new ExportedMember(
                m.Id, m.Email, m.UserName, m.EmailConfirmed, m.DisplayName, m.PhoneNumber, m.TenantId, tenantName, m.OrganisationId, organisationName,
                m.VettingLevel.ToString(), m.VettedSince, m.Culture, m.SharePhone, m.ShareEmail, m.StatedKvkNumber, m.StatedBranchNumber,
                m.TwoFactorEnabled, m.CreatedAt, m.ErasureRequestedAt, logins),
            roles,
            auditRows.Select(a => new ExportedAuditEntry(a.At, a.Action, a.Object, a.Result.ToString(), a.Origin, a.Detail)).ToList(),
            mails.Select(e => new ExportedEmail(e.QueuedAt, e.SentAt, e.Subject, RedactLinks(e.TextBody))).ToList()));
    }

    /// <summary>Confirmation and reset links carry tokens; an export file lying in a downloads folder must not carry live ones.</summary>
    private static string RedactLinks(string text)
        => System.Text.RegularExpressions.Regex.Replace(text, @"([?&](code|token)=)[^\s&""<]+", "$1…", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
}
