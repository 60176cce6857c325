using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Awareness;

/// <summary>One must-read of one member: which version is current and which one they confirmed last.</summary>
public sealed record MustReadItem(Guid DocumentId, string Title, string Language, int CurrentVersion, int? ConfirmedVersion, DateTimeOffset? ConfirmedAt, DateTimeOffset CurrentSince)
{
    public bool Done => ConfirmedVersion == CurrentVersion;
}

/// <summary>Works out the must-reads of members from their roles and estates; used by the library, the reminders and onboarding.</summary>
public static class MustReads
{
    public static async Task<Dictionary<Guid, IReadOnlyList<MustReadItem>>> ForAsync(PpsDb db, IReadOnlyCollection<MemberRoleSet> members, CancellationToken ct)
    {
        // Read-only and on every dashboard: untracked, and the current version's date in the same round trip.
        var rows = await db.LibraryDocuments.AsNoTracking().Where(d => d.MustReadRoles != "" || d.MustReadEstates != "")
            .Select(d => new
            {
                Document = d,
                CurrentSince = db.LibraryDocumentVersions.Where(v => v.DocumentId == d.Id && v.Number == d.CurrentVersion)
                    .Select(v => (DateTimeOffset?)v.CreatedAt).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var documents = rows.Select(r => r.Document).ToArray();
        var since = rows.ToDictionary(r => r.Document.Id, r => r.CurrentSince);
        var ids = documents.Select(d => d.Id).ToArray();
        var memberIds = members.Select(m => m.MemberId).ToArray();
        var confirmations = ids.Length == 0 ? [] : await db.ReadConfirmations.Where(c => ids.Contains(c.DocumentId) && memberIds.Contains(c.MemberId))
            .Select(c => new ConfirmationRow(c.DocumentId, c.MemberId, c.Version, c.ConfirmedAt)).ToListAsync(ct);

        var result = new Dictionary<Guid, IReadOnlyList<MustReadItem>>();
        foreach (var member in members)
        {
            result[member.MemberId] = documents.Where(d => LibraryAccess.IsMustReadFor(d, member))
                .Select(d =>
                {
                    var last = confirmations.Where(c => c.DocumentId == d.Id && c.MemberId == member.MemberId).MaxBy(c => c.Version);
                    var current = since[d.Id] ?? d.UpdatedAt;
                    return new MustReadItem(d.Id, d.Title, d.Language, d.CurrentVersion, last?.Version, last?.ConfirmedAt, current);
                })
                .OrderBy(i => i.Done).ThenBy(i => i.Title, StringComparer.CurrentCulture)
                .ToList();
        }

        return result;
    }

    private sealed record ConfirmationRow(Guid DocumentId, Guid MemberId, int Version, DateTimeOffset ConfirmedAt);
}
