using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Alerts;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Reach;

public sealed record ReachPreferencesView(IReadOnlyList<string> PushSeverities, bool SmsUrgent, string Digest = "none");

public sealed record GetReachPreferences : IQuery<ReachPreferencesView>;

internal sealed class GetReachPreferencesHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetReachPreferences, ReachPreferencesView>
{
    public async ValueTask<ReachPreferencesView> Handle(GetReachPreferences q, CancellationToken ct)
    {
        var prefs = await db.ReachPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.MemberId == me.Id, ct) ?? new ReachPreferences();
        return new ReachPreferencesView(AlertPreferences.Parse(prefs.PushSeverities).Select(s => s.Name()).ToArray(), prefs.SmsUrgent, prefs.Digest.Name());
    }
}

/// <summary>
/// Which alert severities reach the caller's devices by push (an empty list means no push at all), SMS for urgent
/// alerts, and the e-mail digest (<c>none</c>, <c>daily</c>, <c>weekly</c>; left as it is when omitted).
/// </summary>
public sealed record SetReachPreferences(IReadOnlyList<string>? PushSeverities, bool SmsUrgent = false, string? Digest = null) : ICommand<ReachPreferencesView>;

internal sealed class SetReachPreferencesValidator : AbstractValidator<SetReachPreferences>
{
    public SetReachPreferencesValidator()
    {
        RuleFor(c => c.PushSeverities).Must(s => s is null || (s.Count <= 3 && s.All(x => x is "info" or "warning" or "urgent")))
            .WithMessage("Severities are info, warning and urgent.");
        RuleFor(c => c.Digest).Must(d => d is null || DigestPeriods.Parse(d) is not null).WithMessage("The digest is none, daily or weekly.");
    }
}

internal sealed class SetReachPreferencesHandler(PpsDb db, ICurrentMember me, TimeProvider clock) : ICommandHandler<SetReachPreferences, ReachPreferencesView>
{
    public async ValueTask<ReachPreferencesView> Handle(SetReachPreferences cmd, CancellationToken ct)
    {
        var value = AlertPreferences.Format((cmd.PushSeverities ?? []).Select(s => Enum.Parse<AlertSeverity>(s, ignoreCase: true)));
        var prefs = await db.ReachPreferences.SingleOrDefaultAsync(p => p.MemberId == me.Id, ct);
        if (prefs is null)
        {
            prefs = new ReachPreferences { MemberId = me.Id };
            db.ReachPreferences.Add(prefs);
        }

        prefs.PushSeverities = value;
        prefs.SmsUrgent = cmd.SmsUrgent;
        if (DigestPeriods.Parse(cmd.Digest) is { } digest && digest != prefs.Digest)
        {
            // The first digest comes at the start of the next period and covers from now: choosing a digest must not
            // mail a summary of everything that happened before at once.
            var now = clock.GetUtcNow();
            prefs.Digest = digest;
            prefs.DigestPeriod = DigestPeriods.KeyOf(digest, now);
            prefs.DigestCoveredUntil = now;
        }

        await db.SaveChangesAsync(ct);
        return new ReachPreferencesView(AlertPreferences.Parse(value).Select(s => s.Name()).ToArray(), cmd.SmsUrgent, prefs.Digest.Name());
    }
}
