using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pps.Web.Pages;

/// <summary>
/// The friendly page for pages' errors (re-executed by status-code pages and the exception handler; API
/// paths keep their ProblemDetails). It keeps the original status code and reveals nothing of the failure.
/// </summary>
[IgnoreAntiforgeryToken] // a failed POST is re-executed here as a POST; the token was the original form's business
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    /// <summary>Which text to show: by status code, or a refused upload (malware found, scanner unavailable).</summary>
    public string Kind { get; private set; } = "Other";

    public IActionResult OnGet() => Render();

    // No parameters on purpose: binding would read the form of a failed POST (for example one with a bad antiforgery token).
    public IActionResult OnPost() => Render();

    private IActionResult Render()
    {
        int? code = int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : null;

        // An unhandled exception is always a 500; a bare visit to /Error is simply "not found".
        // A refused upload is the one exception a form post may cause on purpose: say what happened, with its own status.
        var error = HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Error;
        (Code, Kind) = error switch
        {
            Infrastructure.Storage.MalwareFoundException => (StatusCodes.Status400BadRequest, "UploadMalware"),
            Infrastructure.Storage.ScannerUnavailableException => (StatusCodes.Status503ServiceUnavailable, "UploadScannerUnavailable"),
            not null => (StatusCodes.Status500InternalServerError, "ServerError"),
            null => code is >= 400 and <= 599 ? (code.Value, KindOf(code.Value)) : (StatusCodes.Status404NotFound, "NotFound"),
        };
        Response.StatusCode = Code;
        return Page();
    }

    private static string KindOf(int code) => code switch
    {
        404 => "NotFound",
        403 => "Forbidden",
        400 => "BadRequest",
        >= 500 => "ServerError",
        _ => "Other",
    };
}
