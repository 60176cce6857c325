using Mediator;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Jobs;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.MemberDirectory;

internal static class DirectoryModule
{
    public static IServiceCollection AddDirectory(this IServiceCollection services)
    {
        services.AddScoped<DirectorySearch>();
        services.AddJob<DirectoryIndexJob>();
        services.AddJob<AnonymitySnapshotJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapDirectory(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/directory").WithTags("Directory").RequireAuthorization(Policies.Member);
        g.MapGet("/", async (Guid? estateId, string? q, int? page, IMediator m, CancellationToken ct)
            => (await m.Send(new GetDirectory(estateId, q, page ?? 1), ct)).ToHttp()).WithName("GetDirectory");
        g.MapGet("/members/{memberId:guid}", async (Guid memberId, IMediator m, CancellationToken ct)
            => (await m.Send(new GetDirectoryMember(memberId), ct)).ToHttp()).WithName("GetDirectoryMember");
        g.MapGet("/views", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetDirectoryViews(), ct))).WithName("GetDirectoryViews");
        g.MapGet("/consent", async (IMediator m, CancellationToken ct) => (await m.Send(new GetDirectoryConsent(), ct)).ToHttp()).WithName("GetDirectoryConsent");
        g.MapPut("/consent", async (SetDirectoryConsent cmd, IMediator m, CancellationToken ct) => (await m.Send(cmd, ct)).ToHttp()).WithName("SetDirectoryConsent");

        app.MapGroup("/api/anonymity").WithTags("Directory").RequireAuthorization(Policies.Member)
            .MapGet("/", async (Guid? estateId, IMediator m, CancellationToken ct) => (await m.Send(new GetAnonymity(estateId), ct)).ToHttp())
            .WithName("GetAnonymity");

        app.MapGet("/api/occupancy", async (Guid? estateId, IMediator m, CancellationToken ct) => (await m.Send(new GetOccupancy(estateId), ct)).ToHttp())
            .WithTags("Directory").RequireAuthorization(Policies.Member).WithName("GetOccupancy");
        app.MapPut("/api/units/{unitId:guid}/occupant", async (Guid unitId, OccupantBody body, IMediator m, CancellationToken ct)
                => (await m.Send(new ChangeOccupant(unitId, body.Vacant, body.BusinessName, body.KvkNumber, body.BranchNumber, body.SbiCode, body.Activity, body.ContactEmail), ct)).ToHttp())
            .WithTags("Directory").RequireAuthorization(Policies.Member).WithName("ChangeOccupant");
        app.MapPost("/api/imports/units", async (HttpRequest request, bool? preview, IMediator m, CancellationToken ct) =>
            {
                string csv;
                if (request.HasFormContentType)
                {
                    var form = await request.ReadFormAsync(ct);
                    if (form.Files.GetFile("file") is not { } file || file.Length > MaxImportBytes)
                    {
                        return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"Send one CSV file named 'file' of at most {MaxImportBytes / 1024 / 1024} MB."] });
                    }

                    using var r = new StreamReader(file.OpenReadStream());
                    csv = await r.ReadToEndAsync(ct);
                }
                else
                {
                    if (request.ContentLength > MaxImportBytes)
                    {
                        return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"At most {MaxImportBytes / 1024 / 1024} MB."] });
                    }

                    using var r = new StreamReader(request.Body);
                    var buffer = new char[MaxImportBytes + 1];
                    var read = await r.ReadBlockAsync(buffer.AsMemory(), ct);
                    if (read > MaxImportBytes)
                    {
                        return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"At most {MaxImportBytes / 1024 / 1024} MB."] });
                    }

                    csv = new string(buffer, 0, read);
                }

                return (await m.Send(new ImportUnits(csv, preview ?? false), ct)).ToHttp();
            })
            .WithTags("Directory").RequireAuthorization(Policies.Staff).DisableAntiforgery().WithName("ImportUnits");
        return app;
    }

    private const int MaxImportBytes = 2 * 1024 * 1024;

    internal sealed record OccupantBody(bool Vacant, string? BusinessName, string? KvkNumber, string? BranchNumber, string? SbiCode, string? Activity, string? ContactEmail);
}
