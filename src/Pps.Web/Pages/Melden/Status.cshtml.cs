using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Web;
using Pps.Web.Pages.Signals;

namespace Pps.Web.Pages.Melden;

/// <summary>The anonymous reporter's status page: the code is posted, never in a URL; a wrong code is a 404, and guessing is rate-limited.</summary>
[AllowAnonymous]
public sealed class StatusModel(IMediator mediator, AnonymousRateLimits limits, IStringLocalizer<SignalsText> text) : SignalPageModel
{
    public ReporterCase? Case { get; private set; }

    public string? Code { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken ct)
    {
        if (Limited())
        {
            return Page();
        }

        var (ok, result) = await TrySendQueryAsync(new GetFollowUp(code ?? ""), ct);
        return Show(code, ok, result);
    }

    public async Task<IActionResult> OnPostAnswerAsync(string? code, string? answer, CancellationToken ct)
    {
        if (Limited())
        {
            return Page();
        }

        var (ok, result) = await TrySendAsync(mediator, new AnswerWithCode(code ?? "", answer ?? ""), ct);
        if (!ok && result?.Status != ResultStatus.NotFound)
        {
            // Keep showing the case with the error beside it.
            var (_, current) = await TrySendQueryAsync(new GetFollowUp(code ?? ""), ct);
            Case = current?.Value;
            Code = Case is null ? null : code;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Show(code, ok, result);
    }

    private IActionResult Show(string? code, bool ok, Result<ReporterCase>? result)
    {
        Response.Headers.CacheControl = "no-store";
        if (ok && result?.Value is { } view)
        {
            Case = view;
            Code = code;
            return Page();
        }

        Errors.Clear();
        Errors[""] = [text["CodeNotFound"]];
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private bool Limited()
    {
        HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
        if (limits.TryCodeAttempt(HttpContext.Connection.RemoteIpAddress))
        {
            return false;
        }

        Errors[""] = [text["TooMany"]];
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return true;
    }

    private async Task<(bool, Result<ReporterCase>?)> TrySendQueryAsync(GetFollowUp query, CancellationToken ct)
    {
        try
        {
            var result = await mediator.Send(query, ct);
            return (result.IsSuccess, result);
        }
        catch (FluentValidation.ValidationException)
        {
            return (false, null);
        }
    }
}
