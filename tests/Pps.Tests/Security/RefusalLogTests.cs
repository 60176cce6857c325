using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.Security;

/// <summary>ASVS 5.0 16.3.2: refused requests reach the security log, with who and what but never the query string.</summary>
public abstract class RefusalLogTests(PpsApp app)
{
    [Fact]
    public async Task A_forbidden_api_call_an_anonymous_one_and_a_forbidden_page_are_logged_without_their_query_strings()
    {
        var email = await app.CreateMemberAsync();
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        var marker = Guid.NewGuid().ToString("N");
        var member = await app.ClientForAsync(email);
        using var anonymous = app.AnonymousClient();

        Assert.Equal(403, (int)(await member.GetAsync($"/api/audit/?secret={marker}")).StatusCode);
        Assert.Equal(401, (int)(await anonymous.GetAsync($"/api/me?access_token={marker}")).StatusCode);

        var lines = CapturedLogs.All.Where(l => l.Contains(Pps.Web.Infrastructure.Web.RefusalLog.Category, StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Contains("GET /api/audit/ with 403 for " + memberId, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("GET /api/me with 401 for anonymous", StringComparison.Ordinal));
        Assert.DoesNotContain(CapturedLogs.All, l => l.Contains(marker, StringComparison.Ordinal));
    }
}

[Collection(SqliteApp.Collection)]
public sealed class RefusalLogTestsOnSqlite(SqliteApp app) : RefusalLogTests(app);

[Collection(PostgresApp.Collection)]
public sealed class RefusalLogTestsOnPostgres(PostgresApp app) : RefusalLogTests(app);
