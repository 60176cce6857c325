using System.Diagnostics;
using System.Reflection;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.Deployment;

#pragma warning disable CA1416 // the Bicep package used here is the linux-x64 one; the suite runs on Linux.

/// <summary>The Azure deployment compiles offline with the Bicep CLI from its NuGet package, and azure.yaml points at it.</summary>
public sealed class BicepTests
{
    [Fact]
    public async Task The_infrastructure_compiles_with_the_Bicep_CLI_without_errors()
    {
        var package = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPackagePath").Value;
        Assert.False(string.IsNullOrEmpty(package), "the Azure.Bicep.CommandLine.linux-x64 package path is unknown");
        var bicep = Directory.GetFiles(package!, "bicep", SearchOption.AllDirectories).First();
        File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);

        var main = Path.Combine(AppProcess.RepositoryRoot, "src", "infra", "main.bicep");
        var psi = new ProcessStartInfo(bicep, $"build \"{main}\" --stdout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr);
        var template = await stdout;
        Assert.Contains("Microsoft.App/containerApps", template, StringComparison.Ordinal);
        Assert.Contains("Microsoft.DBforPostgreSQL/flexibleServers", template, StringComparison.Ordinal);
        Assert.Contains("Microsoft.SignalRService/signalR", template, StringComparison.Ordinal);
        Assert.DoesNotContain("br/public:", await File.ReadAllTextAsync(main), StringComparison.Ordinal);
        // No firewall rule that opens PostgreSQL to the world.
        Assert.DoesNotContain("firewallRules", template, StringComparison.Ordinal);
        Assert.DoesNotContain("Error", await stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_yaml_names_the_bicep_folder_and_the_web_service()
    {
        var yaml = File.ReadAllText(Path.Combine(AppProcess.RepositoryRoot, "azure.yaml"));
        Assert.Contains("provider: bicep", yaml, StringComparison.Ordinal);
        Assert.Contains("path: src/infra", yaml, StringComparison.Ordinal);
        Assert.Contains("host: containerapp", yaml, StringComparison.Ordinal);
    }
}
