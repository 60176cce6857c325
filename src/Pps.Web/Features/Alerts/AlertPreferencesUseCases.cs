using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Alerts;

public sealed record AlertPreferencesView(IReadOnlyList<string> EmailSeverities);

/// <summary>Which severities also reach the caller by e-mail.</summary>
public sealed record GetAlertPreferences : IQuery<AlertPreferencesView>;

internal sealed class GetAlertPreferencesHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetAlertPreferences, AlertPreferencesView>
{
    public async ValueTask<AlertPreferencesView> Handle(GetAlertPreferences q, CancellationToken ct)
    {
        var value = await db.AlertPreferences.Where(p => p.MemberId == me.Id).Select(p => p.EmailSeverities).SingleOrDefaultAsync(ct) ?? "";
        return new AlertPreferencesView(AlertPreferences.Parse(value).Select(s => s.Name()).ToArray());
    }
}

public sealed record SetAlertPreferences(IReadOnlyList<string>? EmailSeverities) : ICommand<AlertPreferencesView>;

internal sealed class SetAlertPreferencesValidator : AbstractValidator<SetAlertPreferences>
{
    public SetAlertPreferencesValidator()
    {
        RuleFor(c => c.EmailSeverities).Must(s => s is null || (s.Count <= 3 && s.All(x => x is "info" or "warning" or "urgent")))
            .WithMessage("Severities are info, warning and urgent.");
    }
}

internal sealed class SetAlertPreferencesHandler(PpsDb db, ICurrentMember me) : ICommandHandler<SetAlertPreferences, AlertPreferencesView>
{
    public async ValueTask<AlertPreferencesView> Handle(SetAlertPreferences cmd, CancellationToken ct)
    {
        var value = AlertPreferences.Format((cmd.EmailSeverities ?? []).Select(s => Enum.Parse<AlertSeverity>(s, ignoreCase: true)));
        var prefs = await db.AlertPreferences.SingleOrDefaultAsync(p => p.MemberId == me.Id, ct);
        if (prefs is null)
        {
            db.AlertPreferences.Add(new AlertPreferences { MemberId = me.Id, EmailSeverities = value });
        }
        else
        {
            prefs.EmailSeverities = value;
        }

        await db.SaveChangesAsync(ct);
        return new AlertPreferencesView(AlertPreferences.Parse(value).Select(s => s.Name()).ToArray());
    }
}
