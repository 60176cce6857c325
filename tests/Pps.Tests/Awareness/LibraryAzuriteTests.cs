using Pps.Tests.Infrastructure;

namespace Pps.Tests.Awareness;

/// <summary>The hub on SQLite with its blobs in Azure Blob Storage (Azurite) instead of the disk folder.</summary>
public sealed class LibraryAzuriteApp : PpsApp
{
    public const string Collection = "library-azurite";

    private ServiceProcess? _azurite;

    public override string Provider => "Sqlite";

    protected override Task<string?> ConnectionStringAsync() => Task.FromResult<string?>(null);

    public override async Task InitializeAsync()
    {
        _azurite = await ServiceProcess.StartAzuriteAsync();
        Settings["Storage:Provider"] = "Azure";
        Settings["Storage:ConnectionString"] = _azurite.AzuriteConnectionString;
        Settings["Storage:Container"] = "pps-library-tests";
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(LibraryAzuriteApp.Collection)]
public sealed class LibraryAzuriteCollection : ICollectionFixture<LibraryAzuriteApp>;

/// <summary>Every library test — upload, new version, download, delete, and the failure in the middle — against Azurite.</summary>
[Collection(LibraryAzuriteApp.Collection)]
public sealed class LibraryTestsOnAzurite(LibraryAzuriteApp app) : LibraryTests(app);
