using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Tests.Security;

/// <summary>
/// The callers of the authorisation matrix. Each is a fresh copy of a demo account (same tenant, organisation,
/// vetting level and role assignments), so a matrix call that changes the caller's own record (an erasure request,
/// a calendar token, a consent) never touches the demo accounts other tests rely on.
/// </summary>
public static class SecurityCallers
{
    public const string Anonymous = "anonymous";

    /// <summary>The matrix columns, in order: anonymous plus the demo accounts they copy.</summary>
    public static readonly string[] Columns =
    [
        Anonymous,
        "ondernemer.lansinghage@zoetermeer.demo",
        "bestuur.lansinghage@zoetermeer.demo",
        "nieuw.lansinghage@zoetermeer.demo",
        "ez@zoetermeer.demo",
        "oov@zoetermeer.demo",
        "politie@zoetermeer.demo",
        "admin@pps.demo",
        "oov@pijnacker.demo",
    ];

    private static readonly ConcurrentDictionary<(PpsApp, string), Task<string>> Copies = new();

    /// <summary>The e-mail of this fixture's copy of <paramref name="demoEmail"/> (created once per fixture).</summary>
    public static Task<string> CopyOfAsync(PpsApp app, string demoEmail) => Copies.GetOrAdd((app, demoEmail), key => CreateCopyAsync(key.Item1, key.Item2));

    /// <summary>
    /// A client for the caller, from an address of its own: the hub's per-address rate limits (anonymous signals,
    /// registration) must not be used up for the other test classes that share this fixture.
    /// </summary>
    public static async Task<HttpClient> ClientAsync(PpsApp app, string column)
    {
        var address = new System.Net.IPAddress([10, 99, (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(1, 255)]);
        var client = new HttpClient(app.Server.CreateHandler(ctx => ctx.Connection.RemoteIpAddress = address)) { BaseAddress = app.Server.BaseAddress };
        if (column != Anonymous)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.TokenForAsync(await CopyOfAsync(app, column)));
        }

        return client;
    }

    private static async Task<string> CreateCopyAsync(PpsApp app, string demoEmail)
    {
        var email = $"copy-{demoEmail.Split('@')[0]}-{Guid.NewGuid():N}@test.demo";
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().UseCrossTenant();
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var original = await db.Members.AsNoTracking().SingleAsync(m => m.Email == demoEmail);
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.MemberId == original.Id).ToListAsync();
        var copy = new Member
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Copy of " + original.DisplayName,
            TenantId = original.TenantId, OrganisationId = original.OrganisationId, VettingLevel = original.VettingLevel,
            VettedSince = original.VettedSince, CreatedAt = app.Clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(copy, DemoData.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        foreach (var role in roles)
        {
            db.RoleAssignments.Add(new RoleAssignment { TenantId = role.TenantId, MemberId = copy.Id, Role = role.Role, EstateId = role.EstateId, AssignedAt = app.Clock.GetUtcNow() });
        }

        await db.SaveChangesAsync();
        return email;
    }
}
