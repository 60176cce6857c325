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

    public sealed record CameraBody(Guid UnitId, double Longitude, double Latitude, int DirectionDegrees, string? Covers, int RetentionDays, string? Contact);

    public static IServiceCollection AddWatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WatchOptions>(configuration.GetSection(WatchOptions.Section));
        services.AddScoped<WatchAccess>();
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

        g.MapGet("/cameras", async (Guid? estateId, bool? mine, IMediator m, CancellationToken ct) => (await m.Send(new GetCameras(estateId, mine ?? false), ct)).ToHttp());
        g.MapPost("/cameras", async (CameraBody b, IMediator m, CancellationToken ct) =>
        {
            var r = await m.Send(new RegisterCamera(null, b.UnitId, b.Longitude, b.Latitude, b.DirectionDegrees, b.Covers ?? "", b.RetentionDays, b.Contact ?? ""), ct);
            return r.ToHttp(r.Value is { } v ? $"/api/watch/cameras/{v.Id}" : null);
        });
        g.MapPut("/cameras/{id:guid}", async (Guid id, CameraBody b, IMediator m, CancellationToken ct)
            => (await m.Send(new RegisterCamera(id, b.UnitId, b.Longitude, b.Latitude, b.DirectionDegrees, b.Covers ?? "", b.RetentionDays, b.Contact ?? ""), ct)).ToHttp());
        g.MapDelete("/cameras/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new WithdrawCamera(id), ct)).ToHttp());
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
