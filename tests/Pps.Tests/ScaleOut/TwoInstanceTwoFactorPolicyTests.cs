using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.ScaleOut;

/// <summary>
/// A tenant's stricter two-factor requirement, set on instance A, holds on instance B at once — not after B's
/// 30-second cache of the requirement runs out: the change travels over the Redis session channel.
/// </summary>
[Collection(TwoInstances.Collection)]
public sealed class TwoInstanceTwoFactorPolicyTests(TwoInstances two)
{
    // EZ is a privileged role; no other test of this collection signs in as EZ.
    private const string Privileged = "ez@zoetermeer.demo";

    [Fact]
    public async Task A_requirement_set_on_A_refuses_a_privileged_member_on_B_well_within_Bs_cache_lifetime()
    {
        using var admin = await two.A.ClientForAsync("admin@pps.demo");
        var tenants = await admin.GetFromJsonAsync<JsonElement>("/api/admin/tenants");
        var tenantId = tenants.EnumerateArray().Single(t => t.GetProperty("slug").GetString() == "zoetermeer").GetProperty("id").GetGuid();
        var policy = $"/api/tenants/{tenantId}/two-factor-policy";

        using var onB = await two.B.ClientForAsync(Privileged);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/alerts")).StatusCode); // B has the requirement cached now

        try
        {
            using (var change = await admin.PutAsJsonAsync(policy, new { requirement = "privileged", graceDays = 0 }))
            {
                Assert.Equal(HttpStatusCode.OK, change.StatusCode);
            }

            var refused = await StatusWithinAsync(onB, HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
            Assert.Equal("urn:pps:problem:two-factor-enrolment-required", refused.ProblemType);
        }
        finally
        {
            using var relax = await admin.PutAsJsonAsync(policy, new { requirement = "notRequired" });
            Assert.Equal(HttpStatusCode.OK, relax.StatusCode);
        }

        // Relaxed the same way: B lets the member in again at once, and the other tests of the collection find it so.
        Assert.Equal(HttpStatusCode.OK, (await StatusWithinAsync(onB, HttpStatusCode.OK)).Status);
    }

    /// <summary>
    /// The message may still be on its way to B when A answered; it takes milliseconds, the cache lifetime it must beat
    /// is 30 seconds: five seconds of asking.
    /// </summary>
    private static async Task<(HttpStatusCode Status, string? ProblemType)> StatusWithinAsync(HttpClient client, HttpStatusCode wanted)
    {
        for (var i = 0; ; i++)
        {
            using var response = await client.GetAsync("/api/alerts");
            if (response.StatusCode == wanted || i == 50)
            {
                var type = response.StatusCode == HttpStatusCode.Forbidden
                    ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString()
                    : null;
                return (response.StatusCode, type);
            }

            await Task.Delay(100);
        }
    }
}
