using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Alerts;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Reach;

public sealed record ReachPreferencesView(IReadOnlyList<string> PushSeverities, bool SmsUrgent);

public sealed record GetReachPreferences : IQuery<ReachPreferencesView>;

internal sealed class GetReachPreferencesHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetReachPreferences, ReachPreferencesView>
{
    public async ValueTask<ReachPreferencesView> Handle(GetReachPreferences q, CancellationToken ct)
    {
        var prefs = await db.ReachPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.MemberId == me.Id, ct) ?? new ReachPreferences();
        return new ReachPreferencesView(AlertPreferences.Parse(prefs.PushSeverities).Select(s => s.Name()).ToArray(), prefs.SmsUrgent);
    }
}

/// <summary>Which alert severities reach the caller's devices by push. An empty list means no push at all.</summary>
public sealed record SetReachPreferences(IReadOnlyList<string>? PushSeverities, bool SmsUrgent = false) : ICommand<ReachPreferencesView>;

internal sealed class SetReachPreferencesValidator : AbstractValidator<SetReachPreferences>
{
    public SetReachPreferencesValidator()
    {
        RuleFor(c => c.PushSeverities).Must(s => s is null || (s.Count <= 3 && s.All(x => x is "info" or "warning" or "urgent")))
            .WithMessage("Severities are info, warning and urgent.");
    }
}

internal sealed class SetReachPreferencesHandler(PpsDb db, ICurrentMember me) : ICommandHandler<SetReachPreferences, ReachPreferencesView>
{
    public async ValueTask<ReachPreferencesView> Handle(SetReachPreferences cmd, CancellationToken ct)
    {
        var value = AlertPreferences.Format((cmd.PushSeverities ?? []).Select(s => Enum.Parse<AlertSeverity>(s, ignoreCase: true)));
        var prefs = await db.ReachPreferences.SingleOrDefaultAsync(p => p.MemberId == me.Id, ct);
        if (prefs is null)
        {
            db.ReachPreferences.Add(new ReachPreferences { MemberId = me.Id, PushSeverities = value, SmsUrgent = cmd.SmsUrgent });
        }
        else
        {
            prefs.PushSeverities = value;
            prefs.SmsUrgent = cmd.SmsUrgent;
        }

        await db.SaveChangesAsync(ct);
        return new ReachPreferencesView(AlertPreferences.Parse(value).Select(s => s.Name()).ToArray(), cmd.SmsUrgent);
    }
}
