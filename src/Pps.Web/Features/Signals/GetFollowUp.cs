using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Signals;

/// <summary>The anonymous reporter's view of their case, found by the follow-up code alone. A wrong code is a 404.</summary>
public sealed record GetFollowUp(string Code) : IQuery<Result<ReporterCase>>;

internal sealed class GetFollowUpValidator : AbstractValidator<GetFollowUp>
{
    public GetFollowUpValidator() => RuleFor(q => q.Code).NotEmpty().MaximumLength(80);
}

internal sealed class GetFollowUpHandler(PpsDb db) : IQueryHandler<GetFollowUp, Result<ReporterCase>>
{
    public async ValueTask<Result<ReporterCase>> Handle(GetFollowUp q, CancellationToken ct)
    {
        var s = await FollowUpLookup.FindAsync(db, q.Code, ct);
        return s is null ? Result<ReporterCase>.NotFound() : Result<ReporterCase>.Ok(await ReporterCases.BuildAsync(db, s, ct));
    }
}

internal static class FollowUpLookup
{
    /// <summary>
    /// Finds the signal of a code across tenants (the reporter has no tenant). The row is found by a hash prefix and then
    /// the full hash is compared in constant time, so response timing says nothing about how close a guess was.
    /// </summary>
    public static async Task<Signal?> FindAsync(PpsDb db, string code, CancellationToken ct)
    {
        var hash = FollowUpCode.Hash(code);
        var lookup = FollowUpCode.Lookup(hash);
        var candidates = await db.Signals.IgnoreQueryFilters(["Tenant"]).Where(s => s.FollowUpLookup == lookup).ToListAsync(ct);
        Signal? found = null;
        foreach (var candidate in candidates)
        {
            if (candidate.FollowUpHash is { } stored && FollowUpCode.Matches(stored, code))
            {
                found = candidate;
            }
        }

        return found;
    }
}
