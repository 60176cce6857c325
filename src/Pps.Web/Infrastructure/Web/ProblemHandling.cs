using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Pps.Web.Infrastructure.Storage;

using Microsoft.AspNetCore.Mvc;

namespace Pps.Web.Infrastructure.Web;

/// <summary>
/// Turns what a user can cause into a clear 4xx: validation errors into 400 with field errors, malformed JSON
/// into 400, an unavailable database or blob storage into 503. Everything else is a 500 without internals.
/// </summary>
internal sealed class ProblemHandling(IProblemDetailsService problems, IStringLocalizer<SharedText> text, ILogger<ProblemHandling> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is MalwareFoundException or ScannerUnavailableException && !PpsSetup.IsMachinePath(http.Request.Path))
        {
            // A page's form post: the friendly error page says what happened (Pages/Error), in HTML.
            return false;
        }

        ProblemDetails problem;
        switch (exception)
        {
            case ValidationException v:
                var errors = v.Errors
                    .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName.Split('.')[0]) + (e.PropertyName.Contains('.') ? e.PropertyName[e.PropertyName.IndexOf('.')..] : ""))
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
                problem = new HttpValidationProblemDetails(errors) { Status = 400, Title = "One or more validation errors occurred." };
                break;
            case BadHttpRequestException bad:
                problem = new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message };
                break;
            case JsonException:
                problem = new ProblemDetails { Status = 400, Title = "Bad request", Detail = "The request body is not valid JSON for this endpoint." };
                break;
            case MalwareFoundException:
                // Audited and logged where it was found (ScanningBlobStore); the signature is not echoed to the uploader.
                using (InRequestCulture(http))
                {
                    problem = new ProblemDetails { Status = 400, Title = text["UploadMalwareTitle"], Detail = text["UploadMalwareDetail"] };
                }

                break;
            case ScannerUnavailableException unavailable:
                log.LogWarning("Malware scanner unavailable, upload refused: {Error}", unavailable.Message);
                using (InRequestCulture(http))
                {
                    problem = new ProblemDetails { Status = 503, Title = text["UploadScannerUnavailableTitle"], Detail = text["UploadScannerUnavailableDetail"] };
                }

                http.Response.Headers.RetryAfter = "30";
                break;
            case Exception when Chain(exception).Any(IsUnavailable):
                log.LogWarning("Database unavailable: {Error}", exception.Message);
                problem = new ProblemDetails { Status = 503, Title = "Service unavailable", Detail = "The database is not reachable right now. Please try again shortly." };
                http.Response.Headers.RetryAfter = "10";
                break;
            case Exception when Chain(exception).Any(IsStorageUnavailable):
                log.LogWarning("Blob storage unavailable: {Error}", exception.Message);
                problem = new ProblemDetails { Status = 503, Title = "Service unavailable", Detail = "The file storage is not reachable right now. Nothing was stored; please try again shortly." };
                http.Response.Headers.RetryAfter = "10";
                break;
            default:
                return false;
        }

        http.Response.StatusCode = problem.Status ?? 400;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    // The localisation middleware's culture does not flow back out to the exception handler; its feature does.
    private static CultureScope InRequestCulture(HttpContext http)
        => new(http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture);

    private readonly struct CultureScope : IDisposable
    {
        private readonly System.Globalization.CultureInfo _previous;

        public CultureScope(System.Globalization.CultureInfo? culture)
        {
            _previous = System.Globalization.CultureInfo.CurrentUICulture;
            if (culture is not null)
            {
                System.Globalization.CultureInfo.CurrentUICulture = culture;
            }
        }

        public void Dispose() => System.Globalization.CultureInfo.CurrentUICulture = _previous;
    }

    // EF wraps a transient failure (InvalidOperationException "likely due to a transient failure", DbUpdateException),
    // so the whole chain is searched.
    private static IEnumerable<Exception> Chain(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            yield return ex;
        }
    }

    // Status 0: the request never got an HTTP answer (refused, reset, timed out), as opposed to a 4xx/5xx from storage.
    private static bool IsStorageUnavailable(Exception ex) => ex is Azure.RequestFailedException { Status: 0 };

    private static bool IsUnavailable(Exception ex)
        => ex is TimeoutException
           || ex is Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException
           || (ex.GetType().Name is "NpgsqlException" && ex.InnerException is System.Net.Sockets.SocketException or TimeoutException or System.IO.IOException)
           // SQLite: the file is busy, locked or cannot be opened (the disk or volume is away).
           || (ex is Microsoft.Data.Sqlite.SqliteException sqlite && sqlite.SqliteErrorCode is 5 or 6 or 14);
}

