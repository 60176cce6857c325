using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Meetings;

public enum MeetingKind
{
    Meeting = 0,
    SchouwDay = 1,
    SchouwNight = 2,
}

/// <summary>Where the hub stands with the organiser's Outlook event.</summary>
public enum GraphSyncState
{
    /// <summary>Graph is off, or the organiser is not municipal staff.</summary>
    NotUsed = 0,
    Pending = 1,
    Synced = 2,
}

/// <summary>
/// A meeting or inspection walk (<i>schouw</i>). Start and end are stored in UTC; <see cref="TimeZone"/> says how
/// they were entered and are shown. <see cref="Sequence"/> is the iCalendar SEQUENCE: every change that is mailed
/// to invitees raises it, so calendars replace the old version instead of adding a second event.
/// </summary>
public sealed class Meeting : ITenantOwned
{
    public const string DefaultTimeZone = "Europe/Amsterdam";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public required string Title { get; set; }

    public MeetingKind Kind { get; set; }

    /// <summary>Agenda items, one per line.</summary>
    public string Agenda { get; set; } = "";

    public string? Address { get; set; }

    public string? OnlineUrl { get; set; }

    public DateTimeOffset StartUtc { get; set; }

    public DateTimeOffset EndUtc { get; set; }

    public string TimeZone { get; set; } = DefaultTimeZone;

    public Guid OrganiserId { get; set; }

    /// <summary>Null: no limit.</summary>
    public int? Capacity { get; set; }

    public int Sequence { get; set; }

    /// <summary>Raised by every RSVP; a concurrency token, so two answers racing for the last place cannot both get it.</summary>
    public int RsvpVersion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? MinutesMarkdown { get; set; }

    public string? MinutesHtml { get; set; }

    public string? Decisions { get; set; }

    public GraphSyncState GraphState { get; set; }

    public string? GraphEventId { get; set; }

    public int GraphAttempts { get; set; }

    public DateTimeOffset? GraphNextAttemptAt { get; set; }

    public string? GraphLastError { get; set; }

    public List<MeetingEstate> Estates { get; set; } = [];

    public List<MeetingInvitee> Invitees { get; set; } = [];

    public List<InvitationRule> Rules { get; set; } = [];

    public string Uid => $"{Id:N}@pps-hub";

    public IReadOnlyList<string> AgendaItems => Agenda.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed class MeetingEstate
{
    public Guid MeetingId { get; set; }

    public Guid EstateId { get; set; }
}

public enum RsvpResponse
{
    None = 0,
    Yes = 1,
    No = 2,
    Maybe = 3,
}

/// <summary>An invited member and their answer. A "yes" beyond the capacity waits on the list.</summary>
public sealed class MeetingInvitee : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid MeetingId { get; set; }

    public Guid MemberId { get; set; }

    public RsvpResponse Response { get; set; }

    public string? Comment { get; set; }

    public bool Waitlisted { get; set; }

    public DateTimeOffset? WaitlistedAt { get; set; }

    public DateTimeOffset InvitedAt { get; set; }

    public DateTimeOffset? RespondedAt { get; set; }
}

public enum InvitationRuleKind
{
    Estate = 0,
    Role = 1,
    Organisation = 2,
    Person = 3,
}

/// <summary>How invitees were chosen, kept so the organiser sees why someone was invited.</summary>
public sealed class InvitationRule : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid MeetingId { get; set; }

    public InvitationRuleKind Kind { get; set; }

    /// <summary>An estate, organisation or member id, or a role name.</summary>
    public required string Value { get; set; }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.Property(m => m.Title).HasMaxLength(200);
        b.Property(m => m.Agenda).HasMaxLength(4000);
        b.Property(m => m.Address).HasMaxLength(300);
        b.Property(m => m.OnlineUrl).HasMaxLength(2000);
        b.Property(m => m.TimeZone).HasMaxLength(64);
        b.Property(m => m.MinutesMarkdown).HasMaxLength(50_000);
        b.Property(m => m.MinutesHtml).HasMaxLength(100_000);
        b.Property(m => m.Decisions).HasMaxLength(10_000);
        b.Property(m => m.GraphEventId).HasMaxLength(500);
        b.Property(m => m.GraphLastError).HasMaxLength(1000);
        b.Property(m => m.RsvpVersion).IsConcurrencyToken();
        b.Ignore(m => m.Uid);
        b.Ignore(m => m.AgendaItems);
        b.HasIndex(m => new { m.TenantId, m.StartUtc });
        b.HasIndex(m => new { m.GraphState, m.GraphNextAttemptAt });
        b.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(m => m.OrganiserId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Estates).WithOne().HasForeignKey(e => e.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(m => m.Invitees).WithOne().HasForeignKey(e => e.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(m => m.Rules).WithOne().HasForeignKey(e => e.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingEstateConfiguration : IEntityTypeConfiguration<MeetingEstate>
{
    public void Configure(EntityTypeBuilder<MeetingEstate> b)
    {
        b.HasKey(e => new { e.MeetingId, e.EstateId });
        b.HasOne<Estate>().WithMany().HasForeignKey(e => e.EstateId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MeetingInviteeConfiguration : IEntityTypeConfiguration<MeetingInvitee>
{
    public void Configure(EntityTypeBuilder<MeetingInvitee> b)
    {
        b.Property(i => i.Comment).HasMaxLength(500);
        b.HasIndex(i => new { i.MeetingId, i.MemberId }).IsUnique();
        b.HasIndex(i => i.MemberId);
        b.HasOne<Member>().WithMany().HasForeignKey(i => i.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationRuleConfiguration : IEntityTypeConfiguration<InvitationRule>
{
    public void Configure(EntityTypeBuilder<InvitationRule> b)
    {
        b.Property(r => r.Value).HasMaxLength(80);
    }
}
