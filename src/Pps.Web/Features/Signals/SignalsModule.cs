using System.Security.Claims;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Jobs;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Signals;

internal static class SignalsModule
{
    public static IServiceCollection AddSignals(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SignalsOptions>(configuration.GetSection(SignalsOptions.Section));
        services.AddSingleton<AnonymousRateLimits>();
        services.AddSingleton<SignalHistoryGuard>();
        services.AddSingleton<SignalChangeNotifier>();
        services.ConfigureDbContext<Infrastructure.Data.PpsDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<SignalHistoryGuard>(), sp.GetRequiredService<SignalChangeNotifier>()));
        services.AddJob<SignalRetentionJob>();
        services.AddScoped<Dashboard.IDashboardCard, SignalsDashboardCard>();

        // The forwarded-headers middleware logs the client's address at Debug ("Unknown proxy"). Anonymous reports
        // must never leave an address in the log, whatever level an operator turns on, so that category stops at Information.
        services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(null, "Microsoft.AspNetCore.HttpOverrides", LogLevel.Information, null)));
        return services;
    }

    public static IEndpointRouteBuilder MapSignals(this IEndpointRouteBuilder app)
    {
        var signals = app.MapGroup("/api/signals").WithTags("Signals");

        signals.MapGet("/categories", () => Results.Ok(SignalCategories.Signals.Select(c => new { c.Code, c.GroupCode, Group = c.GroupLabel(), Label = c.Label() })))
            .AllowAnonymous().WithName("GetSignalCategories");

        signals.MapPost("/", (HttpContext http, IMediator m, CancellationToken ct) => ReportAsync(http, m, SignalRoute.Signal, null, ct))
            .RequireAuthorization(Policies.Member).WithName("ReportSignal");

        signals.MapPost("/anonymous", (HttpContext http, IMediator m, AnonymousRateLimits limits, CancellationToken ct) => ReportAnonymouslyAsync(http, m, limits, SignalRoute.Signal, ct))
            .AllowAnonymous().WithName("ReportSignalAnonymously");

        signals.MapPost("/follow-up", async (FollowUpRequest body, HttpContext http, IMediator m, AnonymousRateLimits limits, CancellationToken ct) =>
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
                if (!limits.TryCodeAttempt(http.Connection.RemoteIpAddress))
                {
                    return TooMany();
                }

                return (await m.Send(new GetFollowUp(body.Code ?? ""), ct)).ToHttp();
            })
            .AllowAnonymous().WithName("GetSignalFollowUp");

        signals.MapPost("/follow-up/answer", async (FollowUpAnswer body, HttpContext http, IMediator m, AnonymousRateLimits limits, CancellationToken ct) =>
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
                if (!limits.TryCodeAttempt(http.Connection.RemoteIpAddress))
                {
                    return TooMany();
                }

                return (await m.Send(new AnswerWithCode(body.Code ?? "", body.Answer ?? ""), ct)).ToHttp();
            })
            .AllowAnonymous().WithName("AnswerSignalWithCode");

        signals.MapGet("/mine", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetMySignals(), ct)))
            .RequireAuthorization(Policies.Member).WithName("GetMySignals");
        signals.MapPost("/mine/{id:guid}/answer", async (Guid id, AnswerBody body, IMediator m, CancellationToken ct) => (await m.Send(new AnswerAsMember(id, body.Answer ?? ""), ct)).ToHttp())
            .RequireAuthorization(Policies.Member).WithName("AnswerOwnSignal");

        signals.MapGet("/aggregates", async (IMediator m, CancellationToken ct) => (await m.Send(new GetSignalAggregates(), ct)).ToHttp())
            .RequireAuthorization(Policies.Member).WithName("GetSignalAggregates");

        MapDesk(signals, SignalRoute.Signal, Policies.Signals);
        return app;
    }

    /// <summary>
    /// The handling endpoints of one desk; the integrity desk maps the same set under its own path and policy. The list
    /// needs the desk's policy (403 otherwise); endpoints on one case need only a member, and the handler answers 404 to
    /// anyone who does not handle the desk, so that not even the existence of a case leaks.
    /// </summary>
    public static void MapDesk(RouteGroupBuilder group, SignalRoute route, string policy)
    {
        var prefix = route == SignalRoute.Integrity ? "Integrity" : "Signal";
        var basePath = route == SignalRoute.Integrity ? "/api/integrity" : "/api/signals";
        group.MapGet("/", async ([AsParameters] ListQuery q, IMediator m, CancellationToken ct) =>
            {
                SignalStatus? status = null;
                if (!string.IsNullOrEmpty(q.Status))
                {
                    if (!Enum.TryParse<SignalStatus>(q.Status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                    {
                        return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Unknown status."] });
                    }

                    status = parsed;
                }

                return (await m.Send(new GetSignals(route, status, q.Category, q.EstateId, q.From, q.To), ct)).ToHttp();
            })
            .RequireAuthorization(policy).WithName($"List{prefix}s");
        group.MapGet("/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new GetSignal(route, id), ct)).ToHttp())
            .RequireAuthorization(Policies.Member).WithName($"Get{prefix}");
        group.MapGet("/{id:guid}/export", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new GetSignal(route, id, ForExport: true), ct)).ToHttp())
            .RequireAuthorization(Policies.Member).WithName($"Export{prefix}");
        group.MapGet("/{id:guid}/photos/{photoId:guid}", async (Guid id, Guid photoId, IMediator m, HttpContext http, CancellationToken ct) =>
            {
                var r = await m.Send(new GetSignalPhoto(route, id, photoId), ct);
                if (r.Value is not { } blob)
                {
                    return r.ToHttp();
                }

                http.Response.Headers.CacheControl = "private, no-store";
                return Results.Stream(blob.Content, blob.ContentType);
            })
            .RequireAuthorization(Policies.Member).WithName($"Get{prefix}Photo");
        group.MapPost("/{id:guid}/status", async (Guid id, StatusBody b, IMediator m, CancellationToken ct) =>
                (await m.Send(new ChangeSignalStatus(route, id, b.Status, b.ForwardedTo, b.Result, b.MessageToReporter), ct)).ToHttp())
            .RequireAuthorization(Policies.Member).WithName($"Change{prefix}Status");
        group.MapPatch("/{id:guid}", async (Guid id, UpdateBody b, IMediator m, CancellationToken ct) =>
                (await m.Send(new UpdateSignal(route, id, b.Priority, b.AssignedToId), ct)).ToHttp())
            .RequireAuthorization(Policies.Member).WithName($"Update{prefix}");
        group.MapPost("/{id:guid}/notes", async (Guid id, TextBody b, IMediator m, CancellationToken ct) =>
                (await m.Send(new AddSignalNote(route, id, b.Text ?? ""), ct)).ToHttp())
            .RequireAuthorization(Policies.Member).WithName($"Add{prefix}Note");
        group.MapPost("/{id:guid}/questions", async (Guid id, QuestionBody b, IMediator m, CancellationToken ct) =>
                (await m.Send(new AskReporter(route, id, b.Question ?? ""), ct)).ToHttp())
            .RequireAuthorization(Policies.Member).WithName($"Ask{prefix}Reporter");
        group.MapPost("/{id:guid}/links", async (Guid id, LinkBody b, IMediator m, CancellationToken ct) =>
                (await m.Send(new LinkSignals(route, id, b.OtherId), ct)).ToHttp())
            .RequireAuthorization(Policies.Member).WithName($"Link{prefix}s");
        group.MapPost("/{id:guid}/reveal-requests", async (Guid id, RevealBody b, IMediator m, CancellationToken ct) =>
            {
                var r = await m.Send(new RequestReveal(route, id, b.Reason ?? ""), ct);
                return r.ToHttp(r.Value is { } rid ? $"{basePath}/{id}/reveal-requests/{rid}" : null);
            })
            .RequireAuthorization(Policies.Member).WithName($"Request{prefix}Reveal");
        group.MapPost("/{id:guid}/reveal-requests/{requestId:guid}/approve", async (Guid id, Guid requestId, IMediator m, CancellationToken ct) =>
                (await m.Send(new ApproveReveal(route, id, requestId), ct)).ToHttp())
            .RequireAuthorization(Policies.Member).WithName($"Approve{prefix}Reveal");
    }

    /// <summary>An account-less report to a desk: rate-limited per address in memory, and never linked to an account.</summary>
    public static Task<IResult> ReportAnonymouslyAsync(HttpContext http, IMediator m, AnonymousRateLimits limits, SignalRoute route, CancellationToken ct)
    {
        // No account for this request, even when a cookie came along: the report must not be linkable to anyone.
        http.User = new ClaimsPrincipal(new ClaimsIdentity());
        if (!limits.TryReport(http.Connection.RemoteIpAddress))
        {
            return Task.FromResult(TooMany());
        }

        return ReportAsync(http, m, route, ReportMode.Anonymous, ct);
    }

    /// <summary>Reads the multipart report and sends it; bad fields are a 400 naming the field.</summary>
    public static async Task<IResult> ReportAsync(HttpContext http, IMediator m, SignalRoute route, ReportMode? fixedMode, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send the report as multipart/form-data."] });
        }

        IFormCollection form;
        try
        {
            SignalForm.AllowLargeBody(http);
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["photos"] = ["The upload is too large or malformed: at most 5 photos of 8 MB each."] });
        }

        var (command, errors) = await SignalForm.ReadAsync(form, route, fixedMode, ct);
        if (command is null)
        {
            return Results.ValidationProblem(errors);
        }

        var r = await m.Send(command, ct);
        var prefix = route == SignalRoute.Integrity ? "/api/integrity" : "/api/signals";
        return r.ToHttp(r.Value is { } v && fixedMode is null ? $"{prefix}/mine" : null);
    }

    private static IResult TooMany() => Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: "Please try again later.");

    internal sealed record ListQuery(string? Status, string? Category, Guid? EstateId, DateTimeOffset? From, DateTimeOffset? To);

    internal sealed record FollowUpRequest(string? Code);

    internal sealed record FollowUpAnswer(string? Code, string? Answer);

    internal sealed record AnswerBody(string? Answer);

    internal sealed record StatusBody(SignalStatus Status, ForwardedTo? ForwardedTo, string? Result, string? MessageToReporter);

    internal sealed record UpdateBody(SignalPriority? Priority, Guid? AssignedToId);

    internal sealed record TextBody(string? Text);

    internal sealed record QuestionBody(string? Question);

    internal sealed record LinkBody(Guid OtherId);

    internal sealed record RevealBody(string? Reason);
}
