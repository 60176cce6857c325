using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pps.Tests.Infrastructure;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;

namespace Pps.Tests.Faults;

/// <summary>
/// SMTP down: e-mail stays queued, and is sent once when the server is back. Runs on a hub of its own, so the
/// outage does not defer the mail other test classes are waiting for.
/// </summary>
public sealed class SmtpOutageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Mail_queued_while_SMTP_is_down_is_sent_once_when_it_returns()
    {
        var to = $"outage-{Guid.NewGuid():N}@test.demo";
        await app.WithDbAsync(async db =>
        {
            var queue = new EmailQueue(db, app.Clock);
            Assert.True(await queue.QueueAsync(new EmailMessage(to, "Urgent: test during an outage", "body", Purpose: "outage-test")));
            Assert.False(await queue.QueueAsync(new EmailMessage(to, "Urgent: test during an outage", "body", Purpose: "outage-test")));
            await db.SaveChangesAsync();
        });

        // A port nobody listens on: the job must keep the message and back off.
        await RunJobAsync(new SmtpOptions { Host = "127.0.0.1", Port = PostgresServer.FreePort(), Security = "None" });
        var queued = await app.WithDbAsync(db => Task.FromResult(db.OutboundEmails.Single(e => e.To == to)));
        Assert.Null(queued.SentAt);
        Assert.Equal(1, queued.Attempts);
        Assert.NotNull(queued.LastError);
        Assert.Empty(app.Smtp.To(to));

        // Still backing off: a pass before NextAttemptAt sends nothing, even to a working server.
        await RunJobAsync(Working());
        Assert.Empty(app.Smtp.To(to));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunJobAsync(Working());
        await RunJobAsync(Working());
        Assert.Single(app.Smtp.To(to));
        var sent = await app.WithDbAsync(db => Task.FromResult(db.OutboundEmails.Single(e => e.To == to)));
        Assert.NotNull(sent.SentAt);
    }

    private SmtpOptions Working() => new() { Host = "127.0.0.1", Port = app.Smtp.Port, Security = "None" };

    private async Task RunJobAsync(SmtpOptions smtp)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var job = new SendQueuedEmailJob(
            scope.ServiceProvider.GetRequiredService<PpsDb>(),
            scope.ServiceProvider.GetRequiredService<ITenantContext>(),
            Options.Create(smtp),
            app.Clock,
            NullLogger<SendQueuedEmailJob>.Instance);
        await job.RunAsync(CancellationToken.None);
    }
}
