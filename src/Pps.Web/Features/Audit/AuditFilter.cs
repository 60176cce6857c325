using System.Globalization;
using FluentValidation;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Features.Audit;

/// <summary>
/// The filters of the audit log viewer and its export. Actor is a case-insensitive part of the e-mail or name;
/// action and object match from the start (<c>member.</c> finds every member action, <c>member:{id}</c> one
/// member). From and to are ISO 8601 dates or times (UTC unless an offset is given); a date alone in
/// <see cref="To"/> includes that whole day.
/// </summary>
public sealed record AuditFilter(string? Actor, string? Action, string? Object, string? From, string? To)
{
    public const int MaxLength = 200;

    private static readonly string[] DateOnlyFormats = ["yyyy-MM-dd"];

    public DateTimeOffset? FromTime => Parse(From, endOfDay: false);

    public DateTimeOffset? ToTime => Parse(To, endOfDay: true);

    public string Describe()
        => string.Join("; ", new[] { ("actor", Actor), ("action", Action), ("object", Object), ("from", From), ("to", To) }
            .Where(p => !string.IsNullOrWhiteSpace(p.Item2))
            .Select(p => $"{p.Item1}={p.Item2}"));

    internal static bool IsValidTime(string? value) => string.IsNullOrWhiteSpace(value) || Parse(value, false) is not null;

    private static DateTimeOffset? Parse(string? value, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTime.TryParseExact(value.Trim(), DateOnlyFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.Date, TimeSpan.Zero);
            return endOfDay ? start.AddDays(1).AddTicks(-1) : start;
        }

        // PostgreSQL stores timestamptz in UTC and Npgsql refuses other offsets: normalise here.
        return DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : null;
    }

    /// <summary>Applies the filters and the reader's scope: the platform administrator reads everything, an OOV only their own tenant's entries.</summary>
    internal IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries, ICurrentMember me)
    {
        if (!me.IsInRole(Roles.PlatformAdmin))
        {
            var tenant = me.TenantId;
            entries = entries.Where(e => e.TenantId != null && e.TenantId == tenant);
        }

        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var actor = Actor.Trim().ToLower();
            entries = entries.Where(e => e.Actor.ToLower().Contains(actor));
        }

        if (!string.IsNullOrWhiteSpace(Action))
        {
            var action = Action.Trim();
            entries = entries.Where(e => e.Action.StartsWith(action));
        }

        if (!string.IsNullOrWhiteSpace(Object))
        {
            var obj = Object.Trim();
            entries = entries.Where(e => e.Object != null && e.Object.StartsWith(obj));
        }

        if (FromTime is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (ToTime is { } to)
        {
            entries = entries.Where(e => e.At <= to);
        }

        return entries;
    }
}

internal static class AuditFilterRules
{
    /// <summary>The filter rules, for the validators of the viewer and the export.</summary>
    public static void AddFilterRules<T>(this AbstractValidator<T> validator, Func<T, AuditFilter> filter)
    {
        validator.RuleFor(x => filter(x).Actor).MaximumLength(AuditFilter.MaxLength).OverridePropertyName("actor");
        validator.RuleFor(x => filter(x).Action).MaximumLength(AuditFilter.MaxLength).OverridePropertyName("action");
        validator.RuleFor(x => filter(x).Object).MaximumLength(AuditFilter.MaxLength).OverridePropertyName("object");
        validator.RuleFor(x => filter(x).From).Must(AuditFilter.IsValidTime).OverridePropertyName("from")
            .WithMessage("Give a date (2026-11-29) or a date and time (2026-11-29T14:00:00Z).");
        validator.RuleFor(x => filter(x).To).Must(AuditFilter.IsValidTime).OverridePropertyName("to")
            .WithMessage("Give a date (2026-11-29) or a date and time (2026-11-29T14:00:00Z).");
        validator.RuleFor(x => filter(x)).Must(f => f.FromTime is not { } from || f.ToTime is not { } to || from <= to)
            .OverridePropertyName("to").WithMessage("The end lies before the start.");
    }
}
