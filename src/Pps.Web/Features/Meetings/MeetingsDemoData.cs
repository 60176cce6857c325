using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Meetings;

/// <summary>
/// Demo content: a past night schouw of Lansinghage with findings and actions (one overdue) and an upcoming PPS
/// meeting. Written straight to the database, so no invitation e-mails go out for demo data.
/// </summary>
internal static class MeetingsDemoData
{
    public static async Task SeedAsync(PpsDb db, DateTimeOffset now, CancellationToken ct)
    {
        var estate = await db.Estates.SingleAsync(e => e.Slug == "lansinghage", ct);
        var ez = await db.Members.SingleAsync(m => m.Email == "ez@zoetermeer.demo", ct);
        var lansinghageMembers = await db.RoleAssignments.Where(r => r.EstateId == estate.Id).Select(r => r.MemberId).Distinct().ToListAsync(ct);
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var today = DateOnly.FromDateTime(MeetingTimes.ToLocal(now, Meeting.DefaultTimeZone));

        var schouw = new Meeting
        {
            TenantId = estate.TenantId, Title = "Avondschouw Lansinghage", Kind = MeetingKind.SchouwNight,
            Agenda = "Verzamelen bij de ingang\nRondgang langs verlichting en hekwerk\nBevindingen bespreken",
            Address = "Edisonstraat, Zoetermeer", StartUtc = day.AddDays(-14).AddHours(19), EndUtc = day.AddDays(-14).AddHours(21),
            OrganiserId = ez.Id, CreatedAt = now.AddDays(-30),
            Decisions = "Verlichting en camerabeeld worden in het plan van aanpak opgenomen.",
            Estates = [new MeetingEstate { EstateId = estate.Id }],
            Rules = [new InvitationRule { TenantId = estate.TenantId, Kind = InvitationRuleKind.Estate, Value = estate.Id.ToString() }],
            Invitees = lansinghageMembers.Select(m => new MeetingInvitee { TenantId = estate.TenantId, MemberId = m, InvitedAt = now.AddDays(-30), Response = RsvpResponse.Yes, RespondedAt = now.AddDays(-20) }).ToList(),
        };
        var meeting = new Meeting
        {
            TenantId = estate.TenantId, Title = "PPS-overleg Lansinghage", Kind = MeetingKind.Meeting,
            Agenda = "Opening\nTerugblik avondschouw\nPlan van aanpak Keurmerk Veilig Ondernemen\nRondvraag",
            Address = "Stadhuis Zoetermeer, Stadhuisplein 1", StartUtc = day.AddDays(10).AddHours(12), EndUtc = day.AddDays(10).AddHours(14),
            OrganiserId = ez.Id, CreatedAt = now, Capacity = 12,
            Estates = [new MeetingEstate { EstateId = estate.Id }],
            Rules = [new InvitationRule { TenantId = estate.TenantId, Kind = InvitationRuleKind.Estate, Value = estate.Id.ToString() }],
            Invitees = lansinghageMembers.Select(m => new MeetingInvitee { TenantId = estate.TenantId, MemberId = m, InvitedAt = now }).ToList(),
        };
        db.Meetings.AddRange(schouw, meeting);

        var finding = new Finding
        {
            TenantId = estate.TenantId, MeetingId = schouw.Id, EstateId = estate.Id, Description = "Twee lantaarnpalen bij de ingang Edisonstraat doen het niet.",
            Longitude = 4.4795, Latitude = 52.0712, RecordedBy = ez.Id, CreatedAt = schouw.StartUtc.AddHours(1),
        };
        var lights = new ActionItem
        {
            TenantId = estate.TenantId, MeetingId = schouw.Id, EstateId = estate.Id, Title = finding.Description, OwnerOrganisationId = ez.OrganisationId,
            DueDate = today.AddDays(-2), FindingId = finding.Id, CreatedAt = finding.CreatedAt,
        };
        finding.ActionItemId = lights.Id;
        db.Findings.Add(finding);
        db.ActionItems.AddRange(
            lights,
            new ActionItem
            {
                TenantId = estate.TenantId, MeetingId = schouw.Id, EstateId = estate.Id, Title = "Camerabeeld van de toegangsweg laten meekijken door de meldkamer",
                OwnerOrganisationId = ez.OrganisationId, DueDate = today.AddDays(30), Status = ActionStatus.InProgress, CreatedAt = schouw.EndUtc,
            });
        await db.SaveChangesAsync(ct);
    }
}
