using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Onboarding;

/// <summary>
/// The two onboarding facts the rest of the hub does not hold already: that the association met the entrepreneur
/// (ticked by a board member, with who and when) and that the contacts were shown to them. Everything else on the
/// checklist is read from the member, their organisation, units, confirmations and vetting.
/// </summary>
public sealed class OnboardingProgress : ITenantOwned
{
    public Guid MemberId { get; set; }

    public Guid TenantId { get; set; }

    public DateTimeOffset? ContactsSeenAt { get; set; }

    public DateTimeOffset? MetAssociationAt { get; set; }

    public Guid? MetAssociationBy { get; set; }
}

internal sealed class OnboardingProgressConfiguration : IEntityTypeConfiguration<OnboardingProgress>
{
    public void Configure(EntityTypeBuilder<OnboardingProgress> b)
    {
        b.HasKey(p => p.MemberId);
        b.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(p => p.MetAssociationBy).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
