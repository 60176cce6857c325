using System.Collections;
using System.Globalization;
using System.Resources;
using Pps.Web.Features.Awareness;
using Pps.Web.Features.Onboarding;

namespace Pps.Tests.Awareness;

public sealed class LibraryTextsTests
{
    public static TheoryData<string> ResourceNames() => new()
    {
        "Pps.Web.Resources.Features.Awareness.AwarenessText",
        "Pps.Web.Resources.Features.Onboarding.OnboardingText",
    };

    private static HashSet<string> Keys(string baseName, CultureInfo culture)
    {
        var set = new ResourceManager(baseName, typeof(AwarenessText).Assembly).GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
    }

    [Theory]
    [MemberData(nameof(ResourceNames))]
    public void Dutch_and_English_texts_have_the_same_keys(string baseName)
    {
        var dutch = Keys(baseName, CultureInfo.InvariantCulture);
        var english = Keys(baseName, new CultureInfo("en"));
        Assert.NotEmpty(dutch);
        Assert.Empty(dutch.Except(english));
        Assert.Empty(english.Except(dutch));
    }

    [Fact]
    public void Every_category_kind_and_step_has_a_text()
    {
        var library = Keys("Pps.Web.Resources.Features.Awareness.AwarenessText", CultureInfo.InvariantCulture);
        Assert.All(Enum.GetNames<LibraryCategory>(), c => Assert.Contains("Category_" + c, library));
        Assert.All(Enum.GetNames<LibraryContentKind>(), k => Assert.Contains("Kind_" + k, library));
        var onboarding = Keys("Pps.Web.Resources.Features.Onboarding.OnboardingText", CultureInfo.InvariantCulture);
        Assert.All(Enum.GetNames<OnboardingStep>(), s => Assert.Contains("Step_" + s, onboarding));
        Assert.All(Enum.GetNames<OnboardingStep>(), s => Assert.Contains("Hint_" + s, onboarding));
    }
}
