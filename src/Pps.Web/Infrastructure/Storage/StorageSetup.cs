using Azure.Identity;
using Azure.Storage.Blobs;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Jobs;

namespace Pps.Web.Infrastructure.Storage;

internal static class StorageSetup
{
    public static WebApplicationBuilder AddPpsStorage(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        builder.Services.Configure<StorageOptions>(builder.Configuration.GetSection(StorageOptions.Section));
        if (string.Equals(options.Provider, "Azure", StringComparison.OrdinalIgnoreCase))
        {
            var container = !string.IsNullOrWhiteSpace(options.ConnectionString)
                ? new BlobContainerClient(options.ConnectionString, options.Container)
                : new BlobContainerClient(new Uri(new Uri(options.ServiceUri ?? throw new InvalidOperationException("Storage:ConnectionString or Storage:ServiceUri is required for Azure storage.")), options.Container), new DefaultAzureCredential());
            builder.Services.AddSingleton(container);
            builder.Services.AddSingleton<AzureBlobStore>();
            builder.AddPpsScanning<AzureBlobStore>();
        }
        else
        {
            var pps = builder.Configuration.GetSection(PpsOptions.Section).Get<PpsOptions>() ?? new PpsOptions();
            var root = Path.Combine(pps.ResolveDataDirectory(builder.Environment.ContentRootPath), "blobs");
            builder.Services.AddSingleton(new DiskBlobStore(root));
            builder.AddPpsScanning<DiskBlobStore>();
        }

        builder.Services.AddJob<OrphanBlobSweepJob>();
        return builder;
    }
}
