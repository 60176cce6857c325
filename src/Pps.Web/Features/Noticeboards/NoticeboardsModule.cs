using Mediator;
using Microsoft.AspNetCore.Mvc;
using Pps.Web.Features.Dashboard;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Idempotency;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Noticeboards;

internal static class NoticeboardsModule
{
    public static IServiceCollection AddNoticeboards(this IServiceCollection services)
    {
        services.AddScoped<BoardAccess>();
        services.AddScoped<BoardViews>();
        services.AddScoped<BoardDirectory>();
        services.AddSingleton<PostRenderer>();
        services.AddScoped<IDashboardCard, NoticeboardsCard>();
        return services;
    }

    public static IEndpointRouteBuilder MapNoticeboards(this IEndpointRouteBuilder app)
    {
        // Finer checks (board access, author, moderator) are in the handlers; a board or post the member
        // may not read answers 404 like one that does not exist.
        var boards = app.MapGroup("/api/boards").WithTags("Noticeboards").RequireAuthorization(Policies.Member);
        boards.MapGet("/", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetBoards(), ct)))
            .WithName("GetBoards");
        boards.MapGet("/{id:guid}/posts", async (Guid id, int? page, int? pageSize, string? tag, IMediator m, CancellationToken ct) =>
            {
                SafetyTag? parsed = null;
                if (!string.IsNullOrEmpty(tag))
                {
                    // Same spelling as in JSON (camelCase, e.g. suspiciousRental), case-insensitive.
                    if (!Enum.TryParse<SafetyTag>(tag, ignoreCase: true, out var t) || !Enum.IsDefined(t) || int.TryParse(tag, out _))
                    {
                        return Results.ValidationProblem(new Dictionary<string, string[]> { ["tag"] = ["Unknown tag."] });
                    }

                    parsed = t;
                }

                return (await m.Send(new GetBoardPosts(id, page ?? 1, pageSize ?? 20, parsed), ct)).ToHttp();
            })
            .WithName("GetBoardPosts");
        boards.MapPost("/{id:guid}/posts", CreatePostAsync)
            .Accepts<CreatePost>("application/json", "multipart/form-data")
            .WithName("CreatePost")
            .WithIdempotency()
            .WithDescription("JSON body, or multipart/form-data with fields title, body, tag, safety.* and up to five files named attachments (images or PDF, 5 MB each).");
        boards.MapPost("/{id:guid}/read", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new MarkBoardRead(id), ct)).ToHttp())
            .WithName("MarkBoardRead");

        var posts = app.MapGroup("/api/posts").WithTags("Noticeboards").RequireAuthorization(Policies.Member);
        posts.MapGet("/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new GetPost(id), ct)).ToHttp())
            .WithName("GetPost");
        posts.MapPut("/{id:guid}", async (Guid id, EditPostBody body, IMediator m, CancellationToken ct)
                => (await m.Send(new EditPost(id, body.Title ?? "", body.Body ?? ""), ct)).ToHttp())
            .WithName("EditPost");
        posts.MapGet("/{id:guid}/revisions", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new GetPostRevisions(id), ct)).ToHttp())
            .WithName("GetPostRevisions");
        posts.MapPost("/{id:guid}/replies", async (Guid id, ReplyBody body, IMediator m, CancellationToken ct) =>
            {
                var r = await m.Send(new ReplyToPost(id, body.Body ?? ""), ct);
                return r.ToHttp($"/api/posts/{id}");
            })
            .WithName("ReplyToPost");
        posts.MapPost("/{id:guid}/pin", async (Guid id, PinBody body, IMediator m, CancellationToken ct) => (await m.Send(new PinPost(id, body.Pinned), ct)).ToHttp())
            .WithName("PinPost");
        posts.MapPost("/{id:guid}/reports", async (Guid id, ReasonBody body, IMediator m, CancellationToken ct) => (await m.Send(new ReportPost(id, body.Reason ?? ""), ct)).ToHttp())
            .WithName("ReportPost");
        posts.MapPost("/{id:guid}/hide", async (Guid id, ReasonBody body, IMediator m, CancellationToken ct) => (await m.Send(new HidePost(id, body.Reason ?? ""), ct)).ToHttp())
            .WithName("HidePost");

        app.MapGet("/api/attachments/{id:guid}", DownloadAsync)
            .WithTags("Noticeboards").RequireAuthorization(Policies.Member).WithName("GetAttachment");
        return app;
    }

    private static async Task<IResult> CreatePostAsync(Guid id, HttpRequest request, IMediator m, CancellationToken ct)
    {
        CreatePost? cmd;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var (files, error) = await AttachmentReader.ReadAsync(form.Files, ct);
            if (error is not null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["attachments"] = [error] });
            }

            cmd = PostForm.ToCommand(id, form) with { Attachments = files };
        }
        else if (request.HasJsonContentType())
        {
            cmd = await request.ReadFromJsonAsync<CreatePost>(ct);
            if (cmd is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] });
            }

            cmd = cmd with { BoardId = id, Attachments = [] };
        }
        else
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send JSON or multipart/form-data.");
        }

        var result = await m.Send(cmd, ct);
        return result.ToHttp(result.Value is { } p ? $"/api/posts/{p.Id}" : null);
    }

    private static async Task<IResult> DownloadAsync(Guid id, HttpContext http, IMediator m, CancellationToken ct)
    {
        var result = await m.Send(new GetAttachment(id), ct);
        if (result.Value is not { } file)
        {
            return result.ToHttp();
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.RegisterForDisposeAsync(file.Content);
        // PDFs are never shown inline: a PDF reader in the hub's origin is more than an image viewer.
        return file.ContentType == "application/pdf"
            ? Results.File(file.Content.Content, file.ContentType, file.FileName)
            : Results.File(file.Content.Content, file.ContentType);
    }

    public sealed record EditPostBody(string? Title, string? Body);

    public sealed record ReplyBody(string? Body);

    public sealed record PinBody(bool Pinned);

    public sealed record ReasonBody(string? Reason);
}

/// <summary>The fields of the new-post form (page and multipart API share the names).</summary>
internal static class PostForm
{
    public static CreatePost ToCommand(Guid boardId, IFormCollection form)
    {
        SafetyTag? tag = Enum.TryParse<SafetyTag>(form["tag"], ignoreCase: true, out var t) && Enum.IsDefined(t) ? t : null;
        SafetyInput? safety = null;
        if (string.Equals(form["kind"], "safety", StringComparison.OrdinalIgnoreCase))
        {
            safety = new SafetyInput(
                Guid.TryParse(form["safety.unitId"], out var unit) ? unit : null,
                form["safety.spot"],
                ParseWhen(form["safety.occurredAt"]),
                form["safety.actionTaken"],
                form["safety.policeCalled"].Any(v => v is "true" or "on" or "yes"),
                form["safety.policeReportNumber"],
                form["safety.personDescription"]);
        }

        if (!string.IsNullOrEmpty(form["tag"]) && tag is null)
        {
            // An unknown tag must not be silently dropped: let the validator name it.
            tag = (SafetyTag)(-1);
        }

        return new CreatePost(boardId, form["title"].ToString(), form["body"].ToString(), tag, safety);
    }

    /// <summary>A browser's <c>datetime-local</c> has no offset: it is the estate's local time (Europe/Amsterdam).</summary>
    private static DateTimeOffset? ParseWhen(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var withOffset)
            && (value.EndsWith('Z') || value.Contains('+') || value.LastIndexOf('-') > 9))
        {
            return withOffset;
        }

        if (!DateTime.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local))
        {
            return null;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local));
    }
}
