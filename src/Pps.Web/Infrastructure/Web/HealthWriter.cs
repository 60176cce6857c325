using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pps.Web.Infrastructure.Web;

/// <summary>Writes the readiness report with one entry per dependency (database, blob storage, backplane).</summary>
internal static class HealthWriter
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
