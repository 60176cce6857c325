using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Meetings;

/// <summary>
/// Schedules a meeting or schouw. <paramref name="Start"/> and <paramref name="End"/> are local wall-clock times in
/// <paramref name="TimeZone"/> (default Europe/Amsterdam). Invitation rules are resolved to members now and kept.
/// </summary>
public sealed record CreateMeeting(
    string Title,
    MeetingKind Kind,
    DateTime Start,
    DateTime End,
    Guid[] EstateIds,
    string? Agenda = null,
    string? Address = null,
    string? OnlineUrl = null,
    int? Capacity = null,
    string? TimeZone = null,
    InviteRule[]? Invite = null) : ICommand<Result<MeetingCreated>>;

public sealed record MeetingCreated(Guid Id, int Invited, GraphSyncState GraphState);

internal static class MeetingRules
{
    public const int MaxInviteRules = 50;

    public static bool BeValidUrl(string? url)
        => url is null || (url.Length <= 2000 && Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp));

    public static void Fields<T>(AbstractValidator<T> v, Func<T, string> title, Func<T, DateTime> start, Func<T, DateTime> end, Func<T, string?> agenda,
        Func<T, string?> address, Func<T, string?> online, Func<T, int?> capacity, Func<T, string?> timeZone)
    {
        v.RuleFor(c => title(c)).NotEmpty().MaximumLength(200).OverridePropertyName("title");
        v.RuleFor(c => start(c)).Must(d => d.Year is >= 2000 and <= 2200).WithMessage("Enter a date and time.").OverridePropertyName("start");
        v.RuleFor(c => end(c)).Must(d => d.Year is >= 2000 and <= 2200).WithMessage("Enter a date and time.").OverridePropertyName("end");
        v.RuleFor(c => end(c)).Must((c, e) => e > start(c)).WithMessage("The end must be after the start.").OverridePropertyName("end");
        v.RuleFor(c => agenda(c)).MaximumLength(4000).OverridePropertyName("agenda");
        v.RuleFor(c => address(c)).MaximumLength(300).OverridePropertyName("address");
        v.RuleFor(c => online(c)).Must(BeValidUrl).WithMessage("The online link must be an http(s) address.").OverridePropertyName("onlineUrl");
        v.RuleFor(c => capacity(c)).Must(n => n is null || n >= 1).WithMessage("Capacity is at least 1, or empty for no limit.").OverridePropertyName("capacity");
        v.RuleFor(c => timeZone(c)).Must(z => z is null || MeetingTimes.Find(z) is not null).WithMessage("Unknown time zone.").OverridePropertyName("timeZone");
    }
}

internal sealed class CreateMeetingValidator : AbstractValidator<CreateMeeting>
{
    public CreateMeetingValidator()
    {
        MeetingRules.Fields(this, c => c.Title, c => c.Start, c => c.End, c => c.Agenda, c => c.Address, c => c.OnlineUrl, c => c.Capacity, c => c.TimeZone);
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.EstateIds).NotEmpty().Must(e => e is null || e.Length <= 20).WithMessage("At most 20 estates.");
        RuleFor(c => c.Invite).Must(i => i is null || i.Length <= MeetingRules.MaxInviteRules).WithMessage("At most 50 invitation rules.");
        RuleForEach(c => c.Invite).ChildRules(r =>
        {
            r.RuleFor(x => x.Kind).IsInEnum();
            r.RuleFor(x => x.Value).NotEmpty().MaximumLength(80);
        });
    }
}

internal sealed class CreateMeetingHandler(PpsDb db, ICurrentMember me, TimeProvider clock, IAuditLog audit, MeetingMailer mailer, MeetingGraphSync graph)
    : ICommandHandler<CreateMeeting, Result<MeetingCreated>>
{
    public async ValueTask<Result<MeetingCreated>> Handle(CreateMeeting cmd, CancellationToken ct)
    {
        var zoneId = cmd.TimeZone ?? Meeting.DefaultTimeZone;
        var zone = MeetingTimes.Find(zoneId)!;
        var start = MeetingTimes.ToUtc(cmd.Start, zone);
        if (start is null)
        {
            return Result<MeetingCreated>.Invalid("start", "This time does not exist in this time zone (the clocks skip it when summer time starts).");
        }

        var end = MeetingTimes.ToUtc(cmd.End, zone);
        if (end is null)
        {
            return Result<MeetingCreated>.Invalid("end", "This time does not exist in this time zone (the clocks skip it when summer time starts).");
        }

        if (start <= clock.GetUtcNow())
        {
            return Result<MeetingCreated>.Invalid("start", "The meeting cannot start in the past.");
        }

        if (end <= start)
        {
            return Result<MeetingCreated>.Invalid("end", "The end must be after the start.");
        }

        var estateIds = cmd.EstateIds.Distinct().ToArray();
        if (await db.Estates.CountAsync(e => estateIds.Contains(e.Id), ct) != estateIds.Length)
        {
            return Result<MeetingCreated>.Invalid("estateIds", "No such estate in your municipality.");
        }

        if (!MeetingAccess.MayOrganise(me, estateIds))
        {
            return Result<MeetingCreated>.Forbidden("Only municipal staff and the estate's board organise meetings.");
        }

        var rules = cmd.Invite ?? [];
        var (invitees, error) = await InvitationResolver.ResolveAsync(db, estateIds, rules, ct);
        if (invitees is null)
        {
            return Result<MeetingCreated>.Invalid(InvitationResolver.Field, error!);
        }

        invitees.Remove(me.Id);
        var now = clock.GetUtcNow();
        var meeting = new Meeting
        {
            TenantId = me.TenantId!.Value,
            Title = cmd.Title.Trim(),
            Kind = cmd.Kind,
            Agenda = cmd.Agenda?.Trim() ?? "",
            Address = string.IsNullOrWhiteSpace(cmd.Address) ? null : cmd.Address.Trim(),
            OnlineUrl = string.IsNullOrWhiteSpace(cmd.OnlineUrl) ? null : cmd.OnlineUrl.Trim(),
            StartUtc = start.Value,
            EndUtc = end.Value,
            TimeZone = zoneId,
            OrganiserId = me.Id,
            Capacity = cmd.Capacity,
            CreatedAt = now,
            Estates = estateIds.Select(e => new MeetingEstate { EstateId = e }).ToList(),
            Rules = rules.Select(r => new InvitationRule { TenantId = me.TenantId!.Value, Kind = r.Kind, Value = r.Value.Trim() }).ToList(),
            Invitees = invitees.Select(m => new MeetingInvitee { TenantId = me.TenantId!.Value, MemberId = m, InvitedAt = now }).ToList(),
        };
        db.Meetings.Add(meeting);

        // One attempt now, so the invitation already carries the Teams link; if Graph fails the job retries and
        // sends the link as an update.
        await graph.MarkAsync(meeting, ct);
        await graph.TryAsync(meeting, ct);

        await mailer.QueueAsync(meeting, invitees, MeetingMail.Invitation, ct);
        audit.Add("meeting.created", $"meeting:{meeting.Id}");
        await db.SaveChangesAsync(ct);
        return Result<MeetingCreated>.Created(new MeetingCreated(meeting.Id, invitees.Count, meeting.GraphState));
    }
}
