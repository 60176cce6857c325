using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Tests.Vetting;

/// <summary>A fresh business on a fresh unit of an estate, with an entrepreneur account linked to it.</summary>
public sealed record TestBusiness(string Email, Guid MemberId, string KvkNumber, string BranchNumber, string Street, string HouseNumber, string PostalCode, string City, Guid EstateId, Guid UnitId);

public static class VettingFixtures
{
    public static async Task<TestBusiness> NewBusinessAsync(this PpsApp app, string estateSlug = "lansinghage", VettingLevel level = VettingLevel.Registered, string tenantSlug = "zoetermeer", string role = Roles.Entrepreneur)
    {
        var email = await app.CreateMemberAsync(tenantSlug, level, (role, estateSlug));
        var kvk = Random.Shared.Next(90_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var branch = "9" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(CultureInfo.InvariantCulture);
        var bag = "9" + Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(CultureInfo.InvariantCulture);
        var house = Random.Shared.Next(100, 999).ToString(CultureInfo.InvariantCulture);
        return await app.WithDbAsync(async db =>
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Slug == tenantSlug);
            var estate = await db.Estates.SingleAsync(e => e.TenantId == tenant.Id && e.Slug == estateSlug);
            var org = new Organisation
            {
                TenantId = tenant.Id, Kind = OrganisationKind.Business, Name = $"Proefbedrijf {kvk} B.V.", KvkNumber = kvk, BranchNumber = branch,
                SbiCode = "4941", Activity = "Goederenvervoer over de weg", CreatedAt = app.Clock.GetUtcNow(),
            };
            var unit = new EstateUnit
            {
                TenantId = tenant.Id, EstateId = estate.Id, BagId = bag, Street = "Proefweg", HouseNumber = house, PostalCode = "2718 PW", City = "Zoetermeer",
                Latitude = 52.0395, Longitude = 4.4640, OccupantOrganisationId = org.Id, CreatedAt = app.Clock.GetUtcNow(),
            };
            db.Organisations.Add(org);
            db.Units.Add(unit);
            var member = await db.Members.SingleAsync(m => m.Email == email);
            member.OrganisationId = org.Id;
            if (level == VettingLevel.Vetted)
            {
                member.VettedSince = app.Clock.GetUtcNow();
            }

            await db.SaveChangesAsync();
            return new TestBusiness(email, member.Id, kvk, branch, "Proefweg", house, "2718 PW", "Zoetermeer", estate.Id, unit.Id);
        });
    }

    public static object ManualCheck(this TestBusiness b) => new
    {
        kvkNumber = b.KvkNumber, branchNumber = b.BranchNumber, street = b.Street, houseNumber = b.HouseNumber, postalCode = b.PostalCode, city = b.City,
        note = "Checked in the register on screen.",
    };

    public static async Task<VettingLevel> LevelAsync(this PpsApp app, Guid memberId)
        => await app.WithDbAsync(async db => (await db.Members.SingleAsync(m => m.Id == memberId)).VettingLevel);
}
