using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Storage;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Signals;

/// <summary>A photo of a case, for its handlers only (the read of the case itself is audited by <see cref="GetSignal"/>).</summary>
public sealed record GetSignalPhoto(SignalRoute Route, Guid Id, Guid PhotoId) : IQuery<Result<BlobContent>>;

internal sealed class GetSignalPhotoHandler(PpsDb db, ICurrentMember me, IBlobStore blobs) : IQueryHandler<GetSignalPhoto, Result<BlobContent>>
{
    public async ValueTask<Result<BlobContent>> Handle(GetSignalPhoto q, CancellationToken ct)
    {
        var s = await SignalAccess.LoadAsync(db, me, q.Route, q.Id, ct);
        var photo = s is null ? null : await db.SignalPhotos.SingleOrDefaultAsync(p => p.Id == q.PhotoId && p.SignalId == s.Id, ct);
        var content = photo is null ? null : await blobs.OpenAsync(photo.BlobKey, ct);
        return content is null ? Result<BlobContent>.NotFound() : Result<BlobContent>.Ok(content);
    }
}
