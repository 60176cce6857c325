namespace Pps.Tests.Web;

/// <summary>Finds files of the repository (resources, branding) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PPS.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PPS.sln not found above " + AppContext.BaseDirectory);
    }
}
