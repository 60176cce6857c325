using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.MemberDirectory;
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

    /// <summary>Projects an estate's outline and units into an SVG box (equirectangular, scaled by the latitude's cosine).</summary>
    public static EstateDrawing Draw(EstateAnonymity e)
    {
        var points = e.Outline.Concat(e.Dots.Select(d => new[] { d.Longitude, d.Latitude })).ToList();
        if (points.Count == 0)
        {
            return new EstateDrawing(Width, 10, "", []);
        }

        double minX = points.Min(p => p[0]), maxX = points.Max(p => p[0]), minY = points.Min(p => p[1]), maxY = points.Max(p => p[1]);
        var k = Math.Cos((minY + maxY) / 2 * Math.PI / 180);
        var spanX = Math.Max((maxX - minX) * k, 1e-9);
        var spanY = Math.Max(maxY - minY, 1e-9);
        const double pad = 8;
        var scale = (Width - 2 * pad) / spanX;
        var height = Math.Round(spanY * scale + 2 * pad, 1);
        (double X, double Y) Project(double lon, double lat) => (Math.Round(pad + (lon - minX) * k * scale, 1), Math.Round(pad + (maxY - lat) * scale, 1));
        var outline = string.Join(' ', e.Outline.Select(p => Project(p[0], p[1])).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X},{p.Y}")));
        var dots = e.Dots.Select(d =>
        {
            var (x, y) = Project(d.Longitude, d.Latitude);
            return new DotDrawing(x, y, d.Status, d.Address);
        }).ToList();
        return new EstateDrawing(Width, height, outline, dots);
    }

    public static string Percent(double share) => share.ToString("P0", CultureInfo.CurrentCulture);

    public static string Num(double v) => v.ToString(CultureInfo.InvariantCulture);
}

public sealed record EstateDrawing(double Width, double Height, string Outline, IReadOnlyList<DotDrawing> Dots);

public sealed record DotDrawing(double X, double Y, UnitStatus Status, string Address);
