using System.Xml.Linq;

namespace Pps.Tests.Web;

/// <summary>Dutch is the neutral language and English must be complete: every resource file of every capability is checked.</summary>
public sealed class ResourceFileTests
{
    private static readonly string ResourcesFolder = RepositoryFiles.PathOf("src", "Pps.Web", "Resources");

    public static TheoryData<string> NeutralFiles() => new(NeutralFileNames());

    /// <summary>Files without a culture in their name (<c>AlertsText.resx</c>, not <c>AlertsText.en.resx</c>).</summary>
    private static List<string> NeutralFileNames()
        => Directory.EnumerateFiles(ResourcesFolder, "*.resx", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileNameWithoutExtension(f).Contains('.', StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(ResourcesFolder, f))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void The_shared_texts_are_among_the_checked_files()
        => Assert.Contains("SharedText.resx", NeutralFileNames());

    [Theory]
    [MemberData(nameof(NeutralFiles))]
    public void Every_resource_file_has_an_English_twin_with_exactly_the_same_keys_and_no_empty_values(string relative)
    {
        var neutral = Path.Combine(ResourcesFolder, relative);
        var english = Path.ChangeExtension(neutral, null) + ".en.resx";
        Assert.True(File.Exists(english), $"{relative} has no English twin {Path.GetFileName(english)}");

        var dutchTexts = Read(neutral);
        var englishTexts = Read(english);
        Assert.True(dutchTexts.Count > 0, $"{relative} has no texts");
        var missingInEnglish = dutchTexts.Keys.Except(englishTexts.Keys).Order(StringComparer.Ordinal).ToList();
        var onlyInEnglish = englishTexts.Keys.Except(dutchTexts.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.True(missingInEnglish.Count == 0, $"{relative}: missing in English: {string.Join(", ", missingInEnglish)}");
        Assert.True(onlyInEnglish.Count == 0, $"{relative}: only in English: {string.Join(", ", onlyInEnglish)}");

        var empty = dutchTexts.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => "nl:" + t.Key)
            .Concat(englishTexts.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => "en:" + t.Key))
            .ToList();
        Assert.True(empty.Count == 0, $"{relative}: empty texts: {string.Join(", ", empty)}");
    }

    [Fact]
    public void Placeholders_match_between_Dutch_and_English()
    {
        var problems = new List<string>();
        foreach (var relative in NeutralFileNames())
        {
            var neutral = Path.Combine(ResourcesFolder, relative);
            var english = Path.ChangeExtension(neutral, null) + ".en.resx";
            if (!File.Exists(english))
            {
                continue; // reported by the twin test
            }

            var englishTexts = Read(english);
            foreach (var (key, dutch) in Read(neutral))
            {
                if (englishTexts.TryGetValue(key, out var en) && !Placeholders(dutch).SetEquals(Placeholders(en)))
                {
                    problems.Add($"{relative}:{key}");
                }
            }
        }

        Assert.True(problems.Count == 0, "Different {n} placeholders: " + string.Join(", ", problems));
    }

    private static HashSet<string> Placeholders(string text)
        => System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+(:[^}]*)?\}").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    private static Dictionary<string, string> Read(string path)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var data in XDocument.Load(path).Root!.Elements("data"))
        {
            var key = (string?)data.Attribute("name") ?? "";
            Assert.False(texts.ContainsKey(key), $"{path}: key {key} appears twice");
            texts[key] = data.Element("value")?.Value ?? "";
        }

        return texts;
    }
}
