using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.MemberDirectory;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.MemberDirectory;

[Authorize(Policy = Policies.Member)]
public sealed class MapModel(IMediator mediator) : PageModel
{
    public const double Width = 320;

    public IReadOnlyList<EstateAnonymity> Estates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new GetAnonymity(null), ct);
        if (result.Value is null)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Estates = result.Value;
        return Page();
    }

    /// <summary>Projects an estate's outline and units into an SVG box (<see cref="EstateProjection"/>, as the other estate maps).</summary>
    public static EstateDrawing Draw(EstateAnonymity e)
    {
        var ring = e.Outline.Select(p => (p[0], p[1])).ToList();
        if (EstateProjection.Fit([.. ring, .. e.Dots.Select(d => (d.Longitude, d.Latitude))], Width, pad: 8) is not { } projection)
        {
            return new EstateDrawing(Width, 10, "", []);
        }

        var dots = e.Dots.Select(d =>
        {
            var (x, y) = projection.Project(d.Longitude, d.Latitude);
            return new DotDrawing(x, y, d.Status, d.Address);
        }).ToList();
        return new EstateDrawing(Width, projection.Height, projection.Polygon(ring), dots);
    }

    public static string Percent(double share) => share.ToString("P0", CultureInfo.CurrentCulture);

    public static string Num(double v) => EstateProjection.Num(v);
}

public sealed record EstateDrawing(double Width, double Height, string Outline, IReadOnlyList<DotDrawing> Dots);

public sealed record DotDrawing(double X, double Y, UnitStatus Status, string Address);
