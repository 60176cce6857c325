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
        var documents = (await db.LibraryDocuments.Where(d => d.MustReadRoles != "" || d.MustReadEstates != "").ToListAsync(ct)).ToArray();
        var ids = documents.Select(d => d.Id).ToArray();
        var memberIds = members.Select(m => m.MemberId).ToArray();
        var since = await db.LibraryDocumentVersions.Where(v => ids.Contains(v.DocumentId))
            .Select(v => new { v.DocumentId, v.Number, v.CreatedAt }).ToListAsync(ct);
        var confirmations = await db.ReadConfirmations.Where(c => ids.Contains(c.DocumentId) && memberIds.Contains(c.MemberId))
            .Select(c => new { c.DocumentId, c.MemberId, c.Version, c.ConfirmedAt }).ToListAsync(ct);

        var result = new Dictionary<Guid, IReadOnlyList<MustReadItem>>();
        foreach (var member in members)
        {
            result[member.MemberId] = documents.Where(d => LibraryAccess.IsMustReadFor(d, member))
                .Select(d =>
                {
                    var last = confirmations.Where(c => c.DocumentId == d.Id && c.MemberId == member.MemberId).MaxBy(c => c.Version);
                    var current = since.FirstOrDefault(v => v.DocumentId == d.Id && v.Number == d.CurrentVersion)?.CreatedAt ?? d.UpdatedAt;
                    return new MustReadItem(d.Id, d.Title, d.Language, d.CurrentVersion, last?.Version, last?.ConfirmedAt, current);
                })
                .OrderBy(i => i.Done).ThenBy(i => i.Title, StringComparer.CurrentCulture)
                .ToList();
        }

        return result;
    }
}
