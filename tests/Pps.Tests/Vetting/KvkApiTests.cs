using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Members;
using Pps.Web.Features.Vetting;
using Pps.Web.Infrastructure.Kvk;

namespace Pps.Tests.Vetting;

/// <summary>The KvK API client against a local stand-in that answers with the documented JSON shapes.</summary>
public sealed class KvkApiClientTests : IAsyncLifetime
{
    private KvkStandIn _standIn = null!;

    public async Task InitializeAsync()
    {
        _standIn = await KvkStandIn.StartAsync();
        _standIn.Branches["000012345678"] = new("12345678", "000012345678", "Transport De Vries B.V.", "Industrieweg", 12, "2712 AB", "Zoetermeer");
        _standIn.Branches["000087654321"] = new("87654321", "000087654321", "Opgeheven B.V.", "Voltaweg", 3, "2712 CD", "Zoetermeer", EndDate: "20260301");
        _standIn.Branches["000011112222"] = new("11112222", "000011112222", "Afgeschermd B.V.", "", 0, "", "", Shielded: true);
    }

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    private KvkApiAdapter Adapter(string? key = KvkStandIn.ApiKey)
        => new(new HttpClient(), Options.Create(new KvkOptions { Mode = "Api", BaseUrl = _standIn.BaseUrl, ApiKey = key }), NullLogger<KvkApiAdapter>.Instance);

    [Fact]
    public async Task An_active_branch_comes_back_with_its_visiting_address_and_no_end_date()
    {
        var branch = await Adapter().LookUpAsync("12345678", "000012345678", null, CancellationToken.None);
        Assert.True(branch.IsActive);
        Assert.False(branch.Shielded);
        Assert.Equal("Transport De Vries B.V.", branch.TradeName);
        Assert.Equal("Industrieweg", branch.Address!.Street);
        Assert.True(branch.Address.SamePremisesAs("2712 AB", "12"));
        Assert.False(branch.Address.SamePremisesAs("2712 AB", "14"));
    }

    [Fact]
    public async Task A_deregistered_branch_carries_its_end_date()
    {
        var branch = await Adapter().LookUpAsync("87654321", "000087654321", null, CancellationToken.None);
        Assert.True(branch.Found);
        Assert.False(branch.IsActive);
        Assert.Equal(new DateOnly(2026, 3, 1), branch.EndDate);
    }

    [Fact]
    public async Task A_shielded_record_has_no_address_to_compare()
    {
        var branch = await Adapter().LookUpAsync("11112222", "000011112222", null, CancellationToken.None);
        Assert.True(branch.Found);
        Assert.True(branch.Shielded);
        Assert.Null(branch.Address);
    }

    [Fact]
    public async Task An_unknown_branch_or_a_branch_of_another_KvK_number_is_not_found()
    {
        Assert.False((await Adapter().LookUpAsync("12345678", "000099999999", null, CancellationToken.None)).Found);
        Assert.False((await Adapter().LookUpAsync("87654321", "000012345678", null, CancellationToken.None)).Found);
    }

    [Fact]
    public async Task A_wrong_api_key_or_an_unreachable_register_is_unavailable_not_a_verdict()
    {
        await Assert.ThrowsAsync<KvkUnavailableException>(() => Adapter("wrong").LookUpAsync("12345678", "000012345678", null, CancellationToken.None));
        var nowhere = new KvkApiAdapter(new HttpClient(), Options.Create(new KvkOptions { Mode = "Api", BaseUrl = "http://127.0.0.1:1/api", ApiKey = "k" }), NullLogger<KvkApiAdapter>.Instance);
        await Assert.ThrowsAsync<KvkUnavailableException>(() => nowhere.LookUpAsync("12345678", "000012345678", null, CancellationToken.None));
    }
}

/// <summary>The hub in API mode (same database as the fixture, settings overridden) against the stand-in.</summary>
public abstract class KvkApiVettingTests(PpsApp app) : IAsyncLifetime
{
    private KvkStandIn _standIn = null!;
    private WebApplicationFactory<Program> _apiApp = null!;

    public async Task InitializeAsync()
    {
        _standIn = await KvkStandIn.StartAsync();
        _apiApp = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Kvk:Mode", "Api");
            b.UseSetting("Kvk:BaseUrl", _standIn.BaseUrl);
            b.UseSetting("Kvk:ApiKey", KvkStandIn.ApiKey);
        });
    }

    public async Task DisposeAsync()
    {
        await _apiApp.DisposeAsync();
        await _standIn.DisposeAsync();
    }

    private async Task<HttpClient> ClientAsync(string email)
    {
        var client = _apiApp.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Pps.Web.Features.Tenancy.DemoData.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private void Register(TestBusiness b, string? endDate = null, bool shielded = false, int? houseNumber = null)
        => _standIn.Branches[b.BranchNumber] = new(b.KvkNumber, b.BranchNumber, "Proefbedrijf", b.Street, houseNumber ?? int.Parse(b.HouseNumber, System.Globalization.CultureInfo.InvariantCulture), b.PostalCode, b.City, endDate, shielded);

    private async Task<HttpResponseMessage> VerifyAsync(TestBusiness b)
        => await (await ClientAsync("ez@zoetermeer.demo")).PostAsJsonAsync($"/api/vetting/{b.MemberId}/verify", new { kvkNumber = b.KvkNumber, branchNumber = b.BranchNumber });

    [Fact]
    public async Task EZ_verifies_through_the_API_without_typing_the_address()
    {
        var b = await app.NewBusinessAsync();
        Register(b);
        var before = _standIn.Requests;
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(b)).StatusCode);
        Assert.True(_standIn.Requests >= before + 2);
        var step = await app.WithDbAsync(db => db.VettingSteps.SingleAsync(s => s.MemberId == b.MemberId));
        Assert.Contains("kvk-api", step.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ended")]
    [InlineData("shielded")]
    [InlineData("elsewhere")]
    [InlineData("unknown")]
    public async Task A_deregistered_shielded_misplaced_or_unknown_branch_is_not_verified(string state)
    {
        var b = await app.NewBusinessAsync();
        if (state != "unknown")
        {
            Register(b, endDate: state == "ended" ? "20260101" : null, shielded: state == "shielded", houseNumber: state == "elsewhere" ? 1 : null);
        }

        var response = await VerifyAsync(b);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(VettingLevel.Registered, await app.LevelAsync(b.MemberId));
    }

    [Fact]
    public async Task A_branch_end_date_found_by_the_re_check_revokes_vetted_status()
    {
        var b = await app.NewBusinessAsync();
        Register(b);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(b)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await ClientAsync("bestuur.lansinghage@zoetermeer.demo")).PostAsync($"/api/vetting/{b.MemberId}/vouch", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await ClientAsync("ez@zoetermeer.demo")).PostAsJsonAsync($"/api/vetting/{b.MemberId}/confirm", new { })).StatusCode);
        Assert.Equal(VettingLevel.Vetted, await app.LevelAsync(b.MemberId));

        // Still registered: a re-check changes nothing.
        app.Clock.Advance(TimeSpan.FromDays(1));
        app.ForgetTokens();
        await RunRecheckAsync();
        Assert.Equal(VettingLevel.Vetted, await app.LevelAsync(b.MemberId));

        Register(b, endDate: "20261101");
        app.Clock.Advance(TimeSpan.FromDays(1));
        app.ForgetTokens();
        await RunRecheckAsync();
        Assert.Equal(VettingLevel.Registered, await app.LevelAsync(b.MemberId));
        var last = await app.WithDbAsync(db => db.VettingSteps.Where(s => s.MemberId == b.MemberId).OrderByDescending(s => s.Id).FirstAsync());
        Assert.Equal(VettingStepKind.Revoked, last.Kind);
        Assert.Contains("deregistered", last.Evidence, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.OutboundEmails.AnyAsync(e => e.To == b.Email && e.Subject.Contains("gewijzigd"))));
    }

    [Fact]
    public async Task An_unreachable_register_during_the_re_check_changes_nothing()
    {
        var b = await app.NewBusinessAsync();
        Register(b);
        await VerifyAsync(b);
        await (await ClientAsync("bestuur.lansinghage@zoetermeer.demo")).PostAsync($"/api/vetting/{b.MemberId}/vouch", null);
        await (await ClientAsync("ez@zoetermeer.demo")).PostAsJsonAsync($"/api/vetting/{b.MemberId}/confirm", new { });
        await _standIn.DisposeAsync();
        app.Clock.Advance(TimeSpan.FromDays(1));
        app.ForgetTokens();
        await RunRecheckAsync();
        Assert.Equal(VettingLevel.Vetted, await app.LevelAsync(b.MemberId));
        _standIn = await KvkStandIn.StartAsync();
    }

    private async Task RunRecheckAsync()
    {
        await using var scope = _apiApp.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VettingRecheckJob>().RunAsync(CancellationToken.None);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class KvkApiVettingTestsOnSqlite(SqliteApp app) : KvkApiVettingTests(app);

[Collection(PostgresApp.Collection)]
public sealed class KvkApiVettingTestsOnPostgres(PostgresApp app) : KvkApiVettingTests(app);
