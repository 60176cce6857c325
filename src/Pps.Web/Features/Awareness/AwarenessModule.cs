using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Pps.Web.Features.Dashboard;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Jobs;
using Pps.Web.Infrastructure.Storage;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Awareness;

internal static class AwarenessModule
{
    /// <summary>OOV and EZ of a tenant, or the platform administrator.</summary>
    public const string EditorPolicy = "library-editor";

    /// <summary>Members of a tenant, and the platform administrator (who edits without a tenant).</summary>
    public const string ReaderPolicy = "library-reader";

    /// <summary>The estate's board or EZ; the handlers check the estate.</summary>
    public const string OversightPolicy = "estate-oversight";

    private const long RequestLimit = LibraryLimits.MaxUploadBytes + (256 * 1024);

    public static IServiceCollection AddAwareness(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AwarenessOptions>(configuration.GetSection(AwarenessOptions.Section));
        services.AddJob<SendMustReadRemindersJob>();
        services.AddScoped<IDashboardCard, MustReadCard>();
        services.AddAuthorizationBuilder()
            .AddPolicy(EditorPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.IsInRole(Roles.PlatformAdmin)
                || ((c.User.IsInRole(Roles.Oov) || c.User.IsInRole(Roles.Ez)) && c.User.HasClaim(x => x.Type == PpsClaims.TenantId))))
            .AddPolicy(ReaderPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.IsInRole(Roles.PlatformAdmin) || c.User.HasClaim(x => x.Type == PpsClaims.TenantId)))
            .AddPolicy(OversightPolicy, p => p.RequireAuthenticatedUser().RequireClaim(PpsClaims.TenantId).RequireAssertion(c =>
                c.User.IsInRole(Roles.Ez) || c.User.HasClaim(x => x.Type == PpsClaims.EstateRole && x.Value.StartsWith(Roles.Board + ":", StringComparison.Ordinal))));
        return services;
    }

    public static IEndpointRouteBuilder MapAwareness(this IEndpointRouteBuilder app)
    {
        var library = app.MapGroup("/api/library").WithTags("Awareness");
        library.MapGet("/", async (string? q, string? category, string? language, IMediator m, CancellationToken ct) =>
            {
                LibraryCategory? cat = null;
                if (!string.IsNullOrEmpty(category))
                {
                    if (!LibraryForm.TryEnum<LibraryCategory>(category, out var parsed))
                    {
                        return Results.ValidationProblem(new Dictionary<string, string[]> { ["category"] = ["Unknown category."] });
                    }

                    cat = parsed;
                }

                return (await m.Send(new SearchLibrary(q, cat, language), ct)).ToHttp();
            })
            .RequireAuthorization(Policies.Member)
            .WithName("SearchLibrary");

        library.MapGet("/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new GetLibraryDocument(id), ct)).ToHttp())
            .RequireAuthorization(ReaderPolicy)
            .WithName("GetLibraryDocument");

        library.MapGet("/{id:guid}/versions/{version:int}/file", async (Guid id, int version, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var result = await m.Send(new OpenLibraryFile(id, version), ct);
                if (result.Value is not { } file)
                {
                    return result.ToHttp();
                }

                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.CacheControl = "private, no-store";
                return Results.Stream(file.Blob.Content, file.ContentType, fileDownloadName: file.FileName);
            })
            .RequireAuthorization(ReaderPolicy)
            .WithName("DownloadLibraryFile");

        library.MapPost("/", async (HttpRequest request, IMediator m, CancellationToken ct) =>
            {
                var form = await LibraryForm.ReadAsync(request, ct);
                if (form.Problem is not null)
                {
                    return form.Problem;
                }

                var r = await m.Send(form.ToCreate(), ct);
                return r.ToHttp(r.Value is { } d ? $"/api/library/{d.Id}" : null);
            })
            .RequireAuthorization(EditorPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(RequestLimit), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = RequestLimit })
            .WithName("CreateLibraryDocument");

        library.MapPost("/{id:guid}/versions", async (Guid id, HttpRequest request, IMediator m, CancellationToken ct) =>
            {
                var form = await LibraryForm.ReadAsync(request, ct);
                if (form.Problem is not null)
                {
                    return form.Problem;
                }

                var r = await m.Send(new AddLibraryVersion(id, form.Content(), form.Text("changeNote")), ct);
                return r.ToHttp(r.Value is { } d ? $"/api/library/{d.Id}" : null);
            })
            .RequireAuthorization(EditorPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(RequestLimit), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = RequestLimit })
            .WithName("AddLibraryVersion");

        library.MapDelete("/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) =>
            {
                var r = await m.Send(new DeleteLibraryDocument(id), ct);
                return r.IsSuccess ? Results.NoContent() : r.ToHttp();
            })
            .RequireAuthorization(EditorPolicy)
            .WithName("DeleteLibraryDocument");

        library.MapGet("/must-read", async (IMediator m, CancellationToken ct) => (await m.Send(new GetMyMustReads(), ct)).ToHttp())
            .RequireAuthorization(Policies.Member)
            .WithName("GetMyMustReads");

        library.MapPost("/{id:guid}/confirm", async (Guid id, ConfirmBody body, IMediator m, CancellationToken ct) =>
                (await m.Send(new ConfirmRead(id, body.Version ?? 0), ct)).ToHttp())
            .RequireAuthorization(Policies.Member)
            .WithName("ConfirmRead");

        library.MapGet("/confirmations", async (Guid? estateId, IMediator m, CancellationToken ct) =>
                estateId is { } e
                    ? (await m.Send(new GetConfirmations(e), ct)).ToHttp()
                    : Results.ValidationProblem(new Dictionary<string, string[]> { ["estateId"] = ["Choose an estate."] }))
            .RequireAuthorization(OversightPolicy)
            .WithName("GetConfirmations");
        return app;
    }

    internal sealed record ConfirmBody(int? Version);
}

/// <summary>Reads the multipart form of an upload; the file is read within the size limit, its name kept only for display.</summary>
internal sealed class LibraryForm
{
    private IFormCollection? _form;
    private byte[]? _file;
    private string? _fileName;
    private bool _tooLarge;

    public IResult? Problem { get; private set; }

    public static bool TryEnum<T>(string value, out T parsed) where T : struct, Enum
        => Enum.TryParse(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out parsed)
            && !int.TryParse(value, out _) && Enum.IsDefined(parsed);

    public static async Task<LibraryForm> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var result = new LibraryForm();
        if (!request.HasFormContentType)
        {
            result.Problem = Results.ValidationProblem(new Dictionary<string, string[]> { ["form"] = ["Send the document as multipart/form-data."] });
            return result;
        }

        try
        {
            result._form = await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            result.Problem = Results.ValidationProblem(
                new Dictionary<string, string[]> { ["file"] = [$"The upload is too large or malformed (at most {LibraryLimits.MaxUploadBytes / (1024 * 1024)} MB)."] });
            return result;
        }

        if (result._form.Files.GetFile("file") is { } file)
        {
            result._fileName = file.FileName;
            if (file.Length > LibraryLimits.MaxUploadBytes)
            {
                result._tooLarge = true;
            }
            else
            {
                await using var stream = file.OpenReadStream();
                result._file = await UploadInspector.ReadLimitedAsync(stream, LibraryLimits.MaxUploadBytes, ct);
                result._tooLarge = result._file is null;
            }
        }

        return result;
    }

    public string? Text(string name) => _form![name].ToString() is { Length: > 0 } s ? s : null;

    private IReadOnlyList<string> List(string name)
        => _form![name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    public LibraryContent Content()
    {
        var kindText = Text("kind");
        LibraryContentKind kind;
        if (kindText is null)
        {
            kind = _file is not null || _tooLarge ? LibraryContentKind.File : Text("url") is not null ? LibraryContentKind.Link : LibraryContentKind.Article;
        }
        else if (!TryEnum(kindText, out kind))
        {
            kind = (LibraryContentKind)(-1);
        }

        return new LibraryContent(kind, _file, _fileName, Text("url"), Text("body")) { TooLarge = _tooLarge };
    }

    public CreateLibraryDocument ToCreate()
    {
        var category = TryEnum<LibraryCategory>(Text("category") ?? "", out var c) ? c : (LibraryCategory)(-1);
        var estates = List("mustReadEstates").Select(e => Guid.TryParse(e, out var g) ? g : Guid.Empty).ToList();
        return new CreateLibraryDocument(
            Text("title") ?? "",
            Text("summary"),
            category,
            (Text("language") ?? "").Trim().ToLowerInvariant(),
            List("tags"),
            List("audience"),
            List("mustReadRoles"),
            estates,
            Content(),
            Guid.TryParse(Text("tenantId"), out var tenantId) ? tenantId : null);
    }
}
