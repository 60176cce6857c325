using System.Collections;
using System.Globalization;
using System.Resources;
using Pps.Web.Features.Audit;
using Pps.Web.Features.Tenancy;

namespace Pps.Tests.Tenancy;

public sealed class AdminTextsTests
{
    public static TheoryData<string> ResourceNames() => new()
    {
        "Pps.Web.Resources.Features.Tenancy.TenancyText",
        "Pps.Web.Resources.Features.Audit.AuditText",
    };

    private static HashSet<string> Keys(ResourceManager resources, CultureInfo culture)
    {
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
    }

    [Theory]
    [MemberData(nameof(ResourceNames))]
    public void Dutch_and_English_texts_have_the_same_keys(string baseName)
    {
        var resources = new ResourceManager(baseName, typeof(TenancyText).Assembly);
        var dutch = Keys(resources, CultureInfo.InvariantCulture);
        var english = Keys(resources, new CultureInfo("en"));
        Assert.NotEmpty(dutch);
        Assert.Empty(dutch.Except(english));
        Assert.Empty(english.Except(dutch));
    }

    [Fact]
    public void Every_role_and_organisation_choice_has_a_text()
    {
        var resources = new ResourceManager("Pps.Web.Resources.Features.Tenancy.TenancyText", typeof(TenancyText).Assembly);
        var keys = Keys(resources, CultureInfo.InvariantCulture);
        var roles = new[] { Pps.Web.Infrastructure.Auth.Roles.PlatformAdmin }.Concat(Pps.Web.Infrastructure.Auth.Roles.TenantRoles).Concat(Pps.Web.Infrastructure.Auth.Roles.EstateRoles);
        Assert.All(roles, r => Assert.Contains("Role_" + r, keys));
        Assert.All(Enum.GetNames<OrganisationKind>(), k => Assert.Contains("Kind_" + k, keys));
        Assert.All(Enum.GetNames<Department>(), d => Assert.Contains("Department_" + d, keys));
        Assert.All(Enum.GetNames<PartnerKind>(), p => Assert.Contains("PartnerKind_" + p, keys));
        var audit = Keys(new ResourceManager("Pps.Web.Resources.Features.Audit.AuditText", typeof(AuditText).Assembly), CultureInfo.InvariantCulture);
        Assert.All(Enum.GetNames<Pps.Web.Infrastructure.Audit.AuditResult>(), r => Assert.Contains("Result_" + r, audit));
    }
}
