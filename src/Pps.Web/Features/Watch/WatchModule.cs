using System.Globalization;
using Mediator;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Jobs;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Watch;

internal static class WatchModule
{
    public sealed record RoundBody(DateTimeOffset Start, DateTimeOffset End, string? Route, int? MinimumPeople);

    public sealed record MemberBody(Guid MemberId);

    public sealed record ReportBody(bool AllQuiet, string? Findings);

    public sealed record IncidentBody(
        IncidentKind Kind, DateTimeOffset OccurredAt, string? Description, Guid? UnitId = null, double? Longitude = null, double? Latitude = null,
        string? PoliceReportNumber = null, bool ConfirmOutside = false, Guid? RoundId = null);

    public sealed record RoundChangeBody(DateTimeOffset Start, DateTimeOffset End, string? Route, int? MinimumPeople);

    public sealed record SignalBody(string? Category);

    public sealed record CameraBody(Guid UnitId, double Longitude, double Latitude, int DirectionDegrees, string? Covers, int RetentionDays, string? Contact);

    public static IServiceCollection AddWatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WatchOptions>(configuration.GetSection(WatchOptions.Section));
        services.AddScoped<WatchAccess>();
        services.AddScoped<RoundMailer>();
        services.AddScoped<Dashboard.IDashboardCard, WatchCard>();
        services.AddJob<WatchNoticesJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapWatch(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/watch").WithTags("Watch").RequireAuthorization(Policies.Member);

        g.MapPost("/estates/{estateId:guid}/rounds", async (Guid estateId, RoundBody b, IMediator m, CancellationToken ct) =>
        {
            var r = await m.Send(new CreateRound(estateId, b.Start, b.End, b.Route ?? "", b.MinimumPeople), ct);
            return r.ToHttp(r.Value is { } v ? $"/api/watch/rounds/{v.Id}" : null);
        });
        g.MapGet("/estates/{estateId:guid}/rounds", async (Guid estateId, string? month, IMediator m, TimeProvider clock, CancellationToken ct) =>
        {
            var (year, mon) = ParseMonth(month, clock);
            return (await m.Send(new GetRounds(estateId, year, mon), ct)).ToHttp();
        });
        g.MapGet("/rounds/mine", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetMyRounds(), ct)));
        g.MapGet("/rounds/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new GetRound(id), ct)).ToHttp());
        g.MapPost("/rounds/{id:guid}/signup", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new SignUpForRound(id), ct)).ToHttp());
        g.MapDelete("/rounds/{id:guid}/signup", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new WithdrawFromRound(id), ct)).ToHttp());
        g.MapPost("/rounds/{id:guid}/assign", async (Guid id, MemberBody b, IMediator m, CancellationToken ct) => (await m.Send(new AssignToRound(id, b.MemberId), ct)).ToHttp());
        g.MapPost("/rounds/{id:guid}/swap", async (Guid id, MemberBody b, IMediator m, CancellationToken ct) => (await m.Send(new OfferRoundSwap(id, b.MemberId), ct)).ToHttp());
        g.MapPost("/rounds/{id:guid}/swap/accept", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new AcceptRoundSwap(id), ct)).ToHttp());
        g.MapPut("/rounds/{id:guid}", async (Guid id, RoundChangeBody b, IMediator m, CancellationToken ct)
            => (await m.Send(new UpdateRound(id, b.Start, b.End, b.Route ?? "", b.MinimumPeople ?? 2), ct)).ToHttp());
        g.MapPost("/rounds/{id:guid}/cancel", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new CancelRound(id), ct)).ToHttp());
        g.MapPost("/rounds/{id:guid}/report", async (Guid id, ReportBody b, IMediator m, CancellationToken ct) => (await m.Send(new ReportRound(id, b.AllQuiet, b.Findings), ct)).ToHttp());

        g.MapPost("/estates/{estateId:guid}/incidents", async (Guid estateId, IncidentBody b, IMediator m, CancellationToken ct) =>
        {
            var r = await m.Send(
                new LogIncident(estateId, b.Kind, b.OccurredAt, b.Description ?? "", b.UnitId, b.Longitude, b.Latitude, b.PoliceReportNumber, b.ConfirmOutside, b.RoundId),
                ct);
            return r.ToHttp(r.Value is { } v ? $"/api/watch/incidents/{v.Id}" : null);
        });
        g.MapGet("/estates/{estateId:guid}/incidents", async (Guid estateId, DateTimeOffset? from, DateTimeOffset? to, string? kind, IMediator m, CancellationToken ct)
            => (await m.Send(new GetIncidents(estateId, from, to, ParseKind(kind)), ct)).ToHttp());
        g.MapGet("/incidents/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new GetIncident(id), ct)).ToHttp());
        g.MapPost("/incidents/{id:guid}/photos", async (Guid id, HttpContext http, IMediator m, CancellationToken ct) =>
        {
            if (!http.Request.HasFormContentType)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["photos"] = ["Send the photos as multipart/form-data."] });
            }

            IFormCollection form;
            try
            {
                IncidentPhotoFiles.AllowLargeBody(http);
                form = await http.Request.ReadFormAsync(ct);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["photos"] = ["The upload is too large or malformed: at most 3 photos of 8 MB each."] });
            }

            var (photos, error) = await IncidentPhotoFiles.ReadAsync(form.Files, ct);
            if (error is not null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["photos"] = [error] });
            }

            return (await m.Send(new AddIncidentPhotos(id) { Photos = photos }, ct)).ToHttp();
        });
        g.MapGet("/incidents/{id:guid}/photos/{photoId:guid}", async (Guid id, Guid photoId, IMediator m, HttpContext http, CancellationToken ct) =>
        {
            var r = await m.Send(new GetIncidentPhoto(id, photoId), ct);
            if (r.Value is not { } blob)
            {
                return r.ToHttp();
            }

            http.Response.Headers.CacheControl = "private, no-store";
            return Results.Stream(blob.Content, blob.ContentType);
        });
        g.MapPost("/incidents/{id:guid}/promote/post", async (Guid id, IMediator m, CancellationToken ct) =>
        {
            var r = await m.Send(new PromoteIncidentToPost(id), ct);
            return r.ToHttp(r.Value is { } postId ? $"/api/posts/{postId}" : null);
        });
        g.MapPost("/incidents/{id:guid}/promote/signal", async (Guid id, HttpContext http, IMediator m, CancellationToken ct) =>
        {
            // The body is optional (a category); an empty POST takes the category from the incident's kind.
            string? category = null;
            if (http.Request.HasJsonContentType())
            {
                try
                {
                    category = (await http.Request.ReadFromJsonAsync<SignalBody>(ct))?.Category;
                }
                catch (System.Text.Json.JsonException)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["category"] = ["Send {\"category\": \"...\"} or nothing."] });
                }
            }

            var r = await m.Send(new PromoteIncidentToSignal(id, string.IsNullOrWhiteSpace(category) ? null : category), ct);
            return r.ToHttp(r.Value is { } s ? $"/api/signals/{s.Id}" : null);
        });

        g.MapGet("/cameras", async (Guid? estateId, bool? mine, IMediator m, CancellationToken ct) => (await m.Send(new GetCameras(estateId, mine ?? false), ct)).ToHttp());
        g.MapPost("/cameras", async (CameraBody b, IMediator m, CancellationToken ct) =>
        {
            var r = await m.Send(new RegisterCamera(null, b.UnitId, b.Longitude, b.Latitude, b.DirectionDegrees, b.Covers ?? "", b.RetentionDays, b.Contact ?? ""), ct);
            return r.ToHttp(r.Value is { } v ? $"/api/watch/cameras/{v.Id}" : null);
        });
        g.MapPut("/cameras/{id:guid}", async (Guid id, CameraBody b, IMediator m, CancellationToken ct)
            => (await m.Send(new RegisterCamera(id, b.UnitId, b.Longitude, b.Latitude, b.DirectionDegrees, b.Covers ?? "", b.RetentionDays, b.Contact ?? ""), ct)).ToHttp());
        g.MapDelete("/cameras/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new WithdrawCamera(id), ct)).ToHttp());

        // Subscribed by calendar apps, which cannot log in: the member's unguessable calendar token is the credential.
        app.MapGet("/calendar/watch/{token}.ics", async (string token, IMediator m, CancellationToken ct) =>
                await m.Send(new GetRoundsFeed(token), ct) is { } ics ? Results.Text(ics, "text/calendar; charset=utf-8") : Results.Problem(statusCode: 404, title: "Not found"))
            .AllowAnonymous();
        return app;
    }

    /// <summary>A kind as the JSON writes it (camelCase) or as the enum names it; anything else becomes an undefined value the query refuses with 400.</summary>
    internal static IncidentKind? ParseKind(string? kind)
        => string.IsNullOrEmpty(kind) ? null
            : Enum.TryParse<IncidentKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) && !int.TryParse(kind, out _) ? k : (IncidentKind)(-1);

    /// <summary>"yyyy-MM", or the current month; anything unreadable becomes month 0, which the query refuses with 400.</summary>
    internal static (int Year, int Month) ParseMonth(string? month, TimeProvider clock)
    {
        if (string.IsNullOrEmpty(month))
        {
            var now = WatchTimes.ToLocal(clock.GetUtcNow());
            return (now.Year, now.Month);
        }

        return DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? (d.Year, d.Month) : (0, 0);
    }
}
