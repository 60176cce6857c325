using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Dashboard;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Graph;
using Pps.Web.Infrastructure.Jobs;
using Pps.Web.Infrastructure.Storage;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Meetings;

internal static class MeetingsModule
{
    public sealed record UpdateMeetingBody(string Title, DateTime Start, DateTime End, string? Agenda = null, string? Address = null, string? OnlineUrl = null, int? Capacity = null, string? TimeZone = null);

    public sealed record RsvpBody(RsvpResponse Response, string? Comment = null);

    public sealed record MinutesBody(string? Minutes, string? Decisions);

    public sealed record ActionBody(string Title, Guid? OwnerMemberId = null, Guid? OwnerOrganisationId = null, DateOnly? DueDate = null, Guid? EstateId = null);

    public sealed record StatusBody(ActionStatus Status);

    public sealed record FindingBody(string Description, double Longitude, double Latitude, Guid? EstateId = null, byte[]? Photo = null);

    public sealed record FindingActionBody(Guid? OwnerMemberId = null, Guid? OwnerOrganisationId = null, DateOnly? DueDate = null);

    public static IServiceCollection AddMeetings(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MeetingsOptions>(configuration.GetSection(MeetingsOptions.Section));
        services.AddGraphCalendar(configuration);
        services.AddScoped<MeetingMailer>();
        services.AddScoped<MeetingGraphSync>();
        services.AddJob<SendMeetingRemindersJob>();
        services.AddJob<SyncMeetingsToGraphJob>();
        services.AddScoped<IDashboardCard, MeetingsCard>();
        return services;
    }

    public static IEndpointRouteBuilder MapMeetings(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/meetings").WithTags("Meetings").RequireAuthorization(Policies.Member);
        g.MapGet("/", async (bool? includePast, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetMyMeetings(includePast ?? false), ct)));
        g.MapPost("/", async (CreateMeeting cmd, IMediator m, CancellationToken ct) =>
        {
            var r = await m.Send(cmd, ct);
            return r.ToHttp(r.Value is { } v ? $"/api/meetings/{v.Id}" : null);
        });
        g.MapGet("/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new GetMeeting(id), ct)).ToHttp());
        g.MapPut("/{id:guid}", async (Guid id, UpdateMeetingBody b, IMediator m, CancellationToken ct)
            => (await m.Send(new UpdateMeeting(id, b.Title, b.Start, b.End, b.Agenda, b.Address, b.OnlineUrl, b.Capacity, b.TimeZone), ct)).ToHttp());
        g.MapPost("/{id:guid}/cancel", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new CancelMeeting(id), ct)).ToHttp());
        g.MapPost("/{id:guid}/rsvp", async (Guid id, RsvpBody b, IMediator m, CancellationToken ct) => (await m.Send(new RespondToMeeting(id, b.Response, b.Comment), ct)).ToHttp());
        g.MapGet("/{id:guid}/attendees", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new GetAttendees(id), ct)).ToHttp());
        g.MapPut("/{id:guid}/minutes", async (Guid id, MinutesBody b, IMediator m, CancellationToken ct) => (await m.Send(new RecordMinutes(id, b.Minutes, b.Decisions), ct)).ToHttp());
        g.MapPost("/{id:guid}/actions", async (Guid id, ActionBody b, IMediator m, CancellationToken ct)
            => (await m.Send(new AddActionItem(id, b.Title, b.OwnerMemberId, b.OwnerOrganisationId, b.DueDate, b.EstateId), ct)).ToHttp());
        g.MapPut("/actions/{id:guid}/status", async (Guid id, StatusBody b, IMediator m, CancellationToken ct) => (await m.Send(new SetActionStatus(id, b.Status), ct)).ToHttp());
        g.MapPost("/{id:guid}/findings", async (Guid id, FindingBody b, IMediator m, CancellationToken ct)
            => (await m.Send(new RecordFinding(id, b.Description, b.Longitude, b.Latitude, b.EstateId, b.Photo), ct)).ToHttp());
        g.MapPost("/findings/{id:guid}/action", async (Guid id, FindingActionBody b, IMediator m, CancellationToken ct)
            => (await m.Send(new MakeActionFromFinding(id, b.OwnerMemberId, b.OwnerOrganisationId, b.DueDate), ct)).ToHttp());
        g.MapGet("/findings/{id:guid}/photo", async (Guid id, PpsDb db, ICurrentMember me, IBlobStore blobs, CancellationToken ct) =>
        {
            var finding = await db.Findings.SingleOrDefaultAsync(f => f.Id == id, ct);
            if (finding?.PhotoKey is null || await MeetingAccess.VisibleAsync(db, me, finding.MeetingId, ct) is null)
            {
                return Results.Problem(statusCode: 404, title: "Not found");
            }

            var blob = await blobs.OpenAsync(finding.PhotoKey, ct);
            return blob is null ? Results.Problem(statusCode: 404, title: "Not found") : Results.Stream(blob.Content, blob.ContentType);
        });
        g.MapGet("/action-plan/{estateId:guid}", async (Guid estateId, IMediator m, CancellationToken ct) => (await m.Send(new GetActionPlan(estateId), ct)).ToHttp());
        g.MapGet("/action-plan/{estateId:guid}/csv", async (Guid estateId, IMediator m, CancellationToken ct) =>
        {
            var r = await m.Send(new GetActionPlan(estateId), ct);
            return r.Value is { } plan
                ? Results.File(ActionPlanCsv.Write(plan), "text/csv; charset=utf-8", $"plan-van-aanpak-{plan.EstateName}.csv")
                : r.ToHttp();
        });
        g.MapPost("/calendar-token", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new RegenerateCalendarToken(), ct)));
        g.MapDelete("/calendar-token", async (IMediator m, CancellationToken ct) => { await m.Send(new RevokeCalendarToken(), ct); return Results.NoContent(); });

        // Subscribed by calendar apps, which cannot log in: the unguessable token is the credential.
        app.MapGet("/calendar/{token}.ics", async (string token, IMediator m, CancellationToken ct) =>
            await m.Send(new GetCalendarFeed(token), ct) is { } ics
                ? Results.Text(ics, "text/calendar; charset=utf-8")
                : Results.Problem(statusCode: 404, title: "Not found"))
            .AllowAnonymous()
            .WithTags("Meetings");
        return app;
    }
}
