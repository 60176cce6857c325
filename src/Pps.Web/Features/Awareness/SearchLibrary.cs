using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Awareness;

/// <summary>Searches the library by title, summary and tags, filtered by category and language; only documents meant for the caller.</summary>
public sealed record SearchLibrary(string? Q, LibraryCategory? Category, string? Language) : IQuery<Result<IReadOnlyList<LibraryDocumentSummary>>>;

public sealed record LibraryDocumentSummary(
    Guid Id, string Title, string Summary, LibraryCategory Category, string Language, IReadOnlyList<string> Tags,
    int CurrentVersion, LibraryContentKind Kind, bool MustRead, bool Confirmed, DateTimeOffset UpdatedAt);

internal sealed class SearchLibraryValidator : AbstractValidator<SearchLibrary>
{
    public SearchLibraryValidator()
    {
        RuleFor(q => q.Q).MaximumLength(200);
        RuleFor(q => q.Category).IsInEnum();
        RuleFor(q => q.Language).Matches("^[a-z]{2,3}$").When(q => !string.IsNullOrEmpty(q.Language));
    }
}

internal sealed class SearchLibraryHandler(PpsDb db, ICurrentMember me) : IQueryHandler<SearchLibrary, Result<IReadOnlyList<LibraryDocumentSummary>>>
{
    public async ValueTask<Result<IReadOnlyList<LibraryDocumentSummary>>> Handle(SearchLibrary query, CancellationToken ct)
    {
        var roles = LibraryAccess.Of(me);
        var documents = db.LibraryDocuments.AsQueryable();
        if (query.Category is { } category)
        {
            documents = documents.Where(d => d.Category == category);
        }

        if (!string.IsNullOrEmpty(query.Language))
        {
            documents = documents.Where(d => d.Language == query.Language);
        }

        // Matching on text happens in memory: a tenant's library is small, and it keeps case and accents the same on SQLite and PostgreSQL.
        var words = (query.Q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var found = (await documents.OrderByDescending(d => d.UpdatedAt).ToListAsync(ct))
            .Where(d => LibraryAccess.IsVisibleTo(d, roles))
            .Where(d => words.All(w => d.Title.Contains(w, StringComparison.OrdinalIgnoreCase)
                || d.Summary.Contains(w, StringComparison.OrdinalIgnoreCase)
                || d.TagList.Any(t => t.Contains(w, StringComparison.OrdinalIgnoreCase))))
            .Take(LibraryLimits.PageSize)
            .ToList();

        var ids = found.Select(d => d.Id).ToArray();
        var kinds = await db.LibraryDocumentVersions.Where(v => ids.Contains(v.DocumentId))
            .Select(v => new { v.DocumentId, v.Number, v.Kind }).ToListAsync(ct);
        var confirmed = await db.ReadConfirmations.Where(c => c.MemberId == me.Id && ids.Contains(c.DocumentId))
            .Select(c => new { c.DocumentId, c.Version }).ToListAsync(ct);
        return Result<IReadOnlyList<LibraryDocumentSummary>>.Ok(found.Select(d => new LibraryDocumentSummary(
            d.Id, d.Title, d.Summary, d.Category, d.Language, d.TagList, d.CurrentVersion,
            kinds.FirstOrDefault(k => k.DocumentId == d.Id && k.Number == d.CurrentVersion)?.Kind ?? LibraryContentKind.Article,
            LibraryAccess.IsMustReadFor(d, roles),
            confirmed.Any(c => c.DocumentId == d.Id && c.Version == d.CurrentVersion),
            d.UpdatedAt)).ToList());
    }
}
