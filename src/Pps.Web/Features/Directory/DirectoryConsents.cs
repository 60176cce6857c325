using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.MemberDirectory;

/// <summary>The caller's consent per contact field.</summary>
public sealed record GetDirectoryConsent : IQuery<Result<ConsentDto>>;

public sealed record ConsentDto(bool SharePhone, bool ShareEmail, string? Phone, string? Email);

/// <summary>Sets the caller's consent per contact field; audited.</summary>
public sealed record SetDirectoryConsent(bool SharePhone, bool ShareEmail) : ICommand<Result<ConsentDto>>;

internal sealed class GetDirectoryConsentHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetDirectoryConsent, Result<ConsentDto>>
{
    public async ValueTask<Result<ConsentDto>> Handle(GetDirectoryConsent query, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == me.Id, ct);
        if (member is null)
        {
            return Result<ConsentDto>.NotFound();
        }

        var consent = await db.DirectoryConsents.AsNoTracking().SingleOrDefaultAsync(c => c.MemberId == me.Id, ct);
        return Result<ConsentDto>.Ok(new ConsentDto(consent?.SharePhone == true, consent?.ShareEmail == true, member.PhoneNumber, member.Email));
    }
}

internal sealed class SetDirectoryConsentHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<SetDirectoryConsent, Result<ConsentDto>>
{
    public async ValueTask<Result<ConsentDto>> Handle(SetDirectoryConsent cmd, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == me.Id, ct);
        if (member?.TenantId is not { } tenantId)
        {
            return Result<ConsentDto>.NotFound();
        }

        var consent = await db.DirectoryConsents.SingleOrDefaultAsync(c => c.MemberId == me.Id, ct);
        if (consent is null)
        {
            consent = new DirectoryConsent { MemberId = me.Id, TenantId = tenantId };
            db.DirectoryConsents.Add(consent);
        }

        consent.SharePhone = cmd.SharePhone;
        consent.ShareEmail = cmd.ShareEmail;
        consent.UpdatedAt = clock.GetUtcNow();
        audit.Add("directory.consent-changed", $"member:{me.Id}", detail: $"phone={cmd.SharePhone}; email={cmd.ShareEmail}");
        await db.SaveChangesAsync(ct);
        return Result<ConsentDto>.Ok(new ConsentDto(consent.SharePhone, consent.ShareEmail, member.PhoneNumber, member.Email));
    }
}
