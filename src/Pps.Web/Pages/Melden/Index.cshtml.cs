using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;
using Pps.Web.Pages.Signals;

namespace Pps.Web.Pages.Melden;

/// <summary>
/// Anonymous reporting without an account. The request's account (if any) is dropped before the report is made, the
/// network address is only a key of the in-memory rate limit, and the follow-up code is shown once, never put in a URL.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(IMediator mediator, PpsDb db, AnonymousRateLimits limits) : AnonymousReportModel(mediator, db, limits)
{
    public override SignalRoute Route => SignalRoute.Signal;
}

/// <summary>
/// An account-less report to one desk: ondermijning signals at <c>/Melden</c>, improper influence at
/// <c>/Melden/Integriteit</c> (the same anonymity for officials, council and board members who want no account involved).
/// </summary>
[AllowAnonymous]
[RequestSizeLimit(SignalForm.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = SignalForm.MaxRequestBytes)]
public abstract class AnonymousReportModel(IMediator mediator, PpsDb db, AnonymousRateLimits limits) : SignalPageModel
{
    public abstract SignalRoute Route { get; }

    public IReadOnlyList<SignalCategory> Categories => SignalCategories.For(Route);

    public IReadOnlyList<(string Slug, string Name)> Tenants { get; private set; } = [];

    public IReadOnlyList<EstateOption> Estates { get; private set; } = [];

    /// <summary>Estate outlines only: an anonymous visitor gets no list or dots of premises (that is member information).</summary>
    public IReadOnlyList<EstateMap> Maps { get; private set; } = [];

    public SignalReported? Reported { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
        Response.Headers.CacheControl = "no-store";
        if (!limits.TryReport(HttpContext.Connection.RemoteIpAddress))
        {
            Errors[""] = [HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SignalsText>>()["TooMany"]];
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await LoadAsync(ct);
            return Page();
        }

        var (command, errors) = await SignalForm.ReadAsync(Request.Form, Route, ReportMode.Anonymous, ct);
        foreach (var (k, v) in errors)
        {
            Errors[k] = v;
        }

        if (command is not null)
        {
            var (ok, result) = await TrySendAsync(mediator, command, ct);
            if (ok && result is Result<SignalReported> { Value: { } reported })
            {
                Reported = reported;
                return Page();
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var tenants = await db.Tenants.OrderBy(t => t.Name).Select(t => new { t.Id, t.Slug, t.Name }).ToListAsync(ct);
        Tenants = tenants.Select(t => (t.Slug, t.Name)).ToList();
        var names = tenants.ToDictionary(t => t.Id, t => t.Name);
        var slugs = tenants.ToDictionary(t => t.Id, t => t.Slug);
        var estates = await db.Estates.IgnoreQueryFilters(["Tenant"]).OrderBy(e => e.Name).Select(e => new { e.Id, e.Name, e.TenantId, e.OutlineGeoJson }).ToListAsync(ct);
        Estates = estates
            .Select(e => new EstateOption(e.Id, e.Name, names.GetValueOrDefault(e.TenantId), slugs.GetValueOrDefault(e.TenantId)))
            .OrderBy(e => e.Group).ThenBy(e => e.Name)
            .ToList();
        // The map helps to place an observation on an estate; improper influence is about people, not a spot.
        Maps = Route == SignalRoute.Integrity ? [] : estates.Select(e => EstateMap.Draw(e.Id, e.Name, slugs.GetValueOrDefault(e.TenantId), e.OutlineGeoJson, [])).OfType<EstateMap>().ToList();
    }
}
