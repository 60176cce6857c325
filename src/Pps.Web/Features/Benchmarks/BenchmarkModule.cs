using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Features.MemberDirectory;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Live;

namespace Pps.Web.Features.Benchmarks;

/// <summary>
/// Two helpers for the load harness (<c>tests/Pps.Benchmarks</c>), mapped only when the host runs in the
/// <c>Benchmark</c> environment and never otherwise (there is no setting that turns them on in Production):
/// <list type="bullet">
/// <item><c>POST /benchmark/members</c> inserts N password-less vetted entrepreneurs on an estate straight into the
/// database and returns a bearer token and an auth cookie for each. Logging 10,000 members in through
/// <c>/api/auth/login</c> would spend minutes on password hashing, which is not what the benchmark measures. The
/// tickets are made by the same claims factory and protectors a real log-in uses.</item>
/// <item><c>POST /benchmark/broadcast/{estateId}</c> sends the posted message (<see cref="BenchmarkPayload"/>) to the estate's live group,
/// so the hub's fan-out can be compared with the peers that broadcast the same 1 KB message.</item>
/// <item><c>POST /benchmark/gc</c> runs a full, compacting, blocking collection that returns free memory to the OS
/// (as each peer does on its own <c>/gc</c>), so scenario 4 reads every server's resident memory with only live objects
/// in it.</item>
/// </list>
/// </summary>
internal static class BenchmarkModule
{
    public const string Environment = "Benchmark";

    public const int MaxMembersPerCall = 5000;

    public static IEndpointRouteBuilder MapBenchmarkHelpers(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsEnvironment(Environment))
        {
            return app;
        }

        var bench = app.MapGroup("/benchmark").AllowAnonymous().ExcludeFromDescription();
        bench.MapPost("/members", CreateMembersAsync);
        bench.MapPost("/broadcast/{estateId:guid}", async (Guid estateId, BenchmarkPayload payload, PpsDb db, ITenantContext tenant, IHubContext<LiveHub, ILiveClient> hub, CancellationToken ct) =>
        {
            tenant.UseCrossTenant();
            var tenantId = await db.Estates.Where(e => e.Id == estateId).Select(e => (Guid?)e.TenantId).SingleOrDefaultAsync(ct);
            if (tenantId is null)
            {
                return Results.NotFound();
            }

            await hub.Clients.Group(LiveGroups.Estate(tenantId.Value, estateId)).BenchmarkMessage(payload);
            return Results.Accepted();
        });
        bench.MapPost("/gc", () =>
        {
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            return Results.Ok(new { heapBytes = GC.GetGCMemoryInfo().HeapSizeBytes });
        });
        return app;
    }

    private static async Task<IResult> CreateMembersAsync(
        CreateBenchmarkMembers request,
        PpsDb db,
        ITenantContext tenant,
        IUserClaimsPrincipalFactory<Member> principals,
        IOptionsMonitor<BearerTokenOptions> bearer,
        IOptionsMonitor<CookieAuthenticationOptions> cookies,
        ILookupNormalizer normalizer,
        TimeProvider clock,
        CancellationToken ct)
    {
        if (request.Count is < 1 or > MaxMembersPerCall)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["count"] = [$"Between 1 and {MaxMembersPerCall}."] });
        }

        tenant.UseCrossTenant();
        var now = clock.GetUtcNow();
        var tenantId = await db.Tenants.Where(t => t.Slug == (request.TenantSlug ?? "zoetermeer")).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(ct);
        if (tenantId is null)
        {
            return Results.NotFound();
        }

        Estate? estate;
        if (request.EstateId is { } estateId)
        {
            estate = await db.Estates.SingleOrDefaultAsync(e => e.Id == estateId && e.TenantId == tenantId, ct);
        }
        else if (request.EstateSlug is { } estateSlug)
        {
            estate = await db.Estates.SingleOrDefaultAsync(e => e.Slug == estateSlug && e.TenantId == tenantId, ct);
        }
        else
        {
            var slug = "bench-" + Guid.NewGuid().ToString("N")[..12];
            estate = new Estate { TenantId = tenantId.Value, Name = "Benchmark " + slug, Slug = slug, CreatedAt = now, OutlineGeoJson = """{"type":"Polygon","coordinates":[[[4.48,52.05],[4.49,52.05],[4.49,52.06],[4.48,52.05]]]}""" };
            db.Estates.Add(estate);
            await db.SaveChangesAsync(ct);
        }

        if (estate is null)
        {
            return Results.NotFound();
        }

        var batch = Guid.NewGuid().ToString("N")[..8];
        var members = new List<Member>(request.Count);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < request.Count; i++)
        {
            var email = string.Create(CultureInfo.InvariantCulture, $"bench-{batch}-{i}@bench.invalid");
            var member = new Member
            {
                UserName = email,
                NormalizedUserName = normalizer.NormalizeName(email),
                Email = email,
                NormalizedEmail = normalizer.NormalizeEmail(email),
                EmailConfirmed = true,
                DisplayName = string.Create(CultureInfo.InvariantCulture, $"Bench {batch} {i}"),
                TenantId = tenantId,
                VettingLevel = VettingLevel.Vetted,
                VettedSince = now,
                CreatedAt = now,
                ConcurrencyStamp = Guid.NewGuid().ToString(),
            };
            members.Add(member);
            db.Members.Add(member);
            db.RoleAssignments.Add(new RoleAssignment { TenantId = tenantId, MemberId = member.Id, Role = Roles.Entrepreneur, EstateId = estate.Id, AssignedAt = now });
        }

        // Indexed for the directory now, as a registration's members are: otherwise the index job's next pass does it
        // while a scenario is being measured.
        db.Raise(new DirectorySourceChanged([.. members.Select(m => m.Id)], []));
        await db.SaveChangesAsync(ct);

        var bearerProtector = bearer.Get(IdentityConstants.BearerScheme).BearerTokenProtector;
        var cookieFormat = cookies.Get(IdentityConstants.ApplicationScheme).TicketDataFormat;
        var issued = new List<BenchmarkMember>(members.Count);
        // Each member's tokens belong to a session record, as a real sign-in's do: the per-request check refuses others.
        var sessions = members.ToDictionary(m => m.Id, m => new Features.Sessions.MemberSession
        {
            MemberId = m.Id,
            Kind = Features.Sessions.SessionKinds.App,
            Browser = "Benchmark",
            SignedInAt = now,
            ExpiresAt = now.AddHours(12),
            LastSeenAt = now,
            Stamp = m.SecurityStamp ?? "",
        });
        db.MemberSessions.AddRange(sessions.Values);
        await db.SaveChangesAsync(ct);
        foreach (var member in members)
        {
            var principal = await principals.CreateAsync(member);
            ((ClaimsIdentity)principal.Identity!).AddClaims(Features.Sessions.SessionClaims.For(sessions[member.Id].Id, now));
            issued.Add(new BenchmarkMember(
                member.Id,
                bearerProtector.Protect(Ticket(principal, IdentityConstants.BearerScheme, now)),
                cookieFormat.Protect(Ticket(principal, IdentityConstants.ApplicationScheme, now))));
        }

        return Results.Ok(new BenchmarkMembers(tenantId.Value, estate.Id, issued));
    }

    // Long enough for a full benchmark run; the environment never exists outside the harness.
    private static AuthenticationTicket Ticket(ClaimsPrincipal principal, string scheme, DateTimeOffset now)
        => new(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(8) }, scheme);
}

public sealed record CreateBenchmarkMembers(int Count, Guid? EstateId, string? EstateSlug, string? TenantSlug);

public sealed record BenchmarkMember(Guid Id, string Token, string Cookie);

public sealed record BenchmarkMembers(Guid TenantId, Guid EstateId, IReadOnlyList<BenchmarkMember> Members);

/// <summary>What a benchmark connection hears; only the Benchmark environment ever sends it.</summary>
public interface IBenchmarkClient
{
    Task BenchmarkMessage(BenchmarkPayload payload);
}

/// <summary>
/// The harness's 1 KB message (window, sender, number, send time in µs, padding). A typed record rather than a
/// <see cref="JsonElement"/> so that the MessagePack protocol can carry it too (and a Redis backplane, which
/// serialises every message for every registered protocol); over JSON it is the same
/// <c>{"w":…,"s":…,"n":…,"t":…,"p":"…"}</c> the peers send.
/// </summary>
public sealed record BenchmarkPayload(int W, int S, long N, long T, string P);
