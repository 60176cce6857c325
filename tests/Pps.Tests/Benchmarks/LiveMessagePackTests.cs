using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Alerts;
using Pps.Web.Live;
using static Pps.Tests.Alerts.AlertsTestKit;

namespace Pps.Tests.Benchmarks;

/// <summary>
/// The hub offers SignalR's MessagePack protocol beside JSON (browsers keep JSON). A client that asks for it gets
/// the same alerts, catch-up and receipts, and the same refusals.
/// </summary>
public abstract class LiveMessagePackTests(PpsApp app)
{
    private const string Oov = "oov@zoetermeer.demo";

    private const string Ondernemer = "ondernemer.lansinghage@zoetermeer.demo";

    private async Task<HubConnection> ConnectAsync(string email)
    {
        var token = await app.TokenForAsync(email);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, LiveHub.Path), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.WebSocketFactory = async (context, ct) => await app.Server.CreateWebSocketClient().ConnectAsync(context.Uri, ct);
            })
            .AddMessagePackProtocol()
            .Build();
        await connection.StartAsync();
        return connection;
    }

    [Fact]
    public async Task A_MessagePack_client_receives_a_posted_alert_reports_its_delivery_and_catches_it_up()
    {
        await using var connection = await ConnectAsync(Ondernemer);
        var title = Unique("MessagePack");
        var pushed = new TaskCompletionSource<AlertMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<AlertMessage>("AlertPosted", a =>
        {
            if (a.Title == title)
            {
                pushed.TrySetResult(a);
            }
        });

        var oov = await app.ClientForAsync(Oov);
        var posted = await oov.PostOkAsync(Body(title, [await app.EstateIdAsync("lansinghage")], "urgent"));

        var alert = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(posted.Id(), alert.Id);
        Assert.Equal(posted.Sequence(), alert.Sequence);
        Assert.Equal("urgent", alert.Severity);
        Assert.True(await connection.InvokeAsync<bool>("AlertDelivered", alert.Id));
        Assert.False(await connection.InvokeAsync<bool>("AlertDelivered", Guid.NewGuid()));

        var missed = await connection.InvokeAsync<List<AlertMessage>>("CatchUpAlerts", alert.Sequence - 1);
        Assert.Contains(missed, m => m.Id == alert.Id && m.Title == title);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class LiveMessagePackTestsOnSqlite(SqliteApp app) : LiveMessagePackTests(app);

[Collection(PostgresApp.Collection)]
public sealed class LiveMessagePackTestsOnPostgres(PostgresApp app) : LiveMessagePackTests(app);
