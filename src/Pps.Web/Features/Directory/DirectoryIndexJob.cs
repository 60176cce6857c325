using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Jobs;

namespace Pps.Web.Features.MemberDirectory;

/// <summary>
/// Brings the search entries in step with members, businesses and units (which other capabilities change), and
/// drops entries of members who left or were erased. Cheap: one pass compares text and writes only what changed.
/// Changes made through the use cases are indexed at once (<see cref="DirectorySourceChanged"/>); this pass is the
/// safety net for anything changed another way.
/// </summary>
internal sealed class DirectoryIndexJob(PpsDb db, ITenantContext tenant) : IJob
{
    public static string Name => "directory-index";

    public static TimeSpan Interval => TimeSpan.FromMinutes(5);

    public async Task RunAsync(CancellationToken ct)
    {
        tenant.UseCrossTenant();
        await DirectoryIndex.RefreshAsync(db, null, ct);
    }
}
