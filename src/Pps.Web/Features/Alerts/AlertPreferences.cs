using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Features.Members;

namespace Pps.Web.Features.Alerts;

/// <summary>Which severities also reach a member by e-mail when posted. No row means none (escalation mail still comes).</summary>
public sealed class AlertPreferences
{
    public Guid MemberId { get; set; }

    /// <summary>Comma-separated lower-case severity names, e.g. <c>warning,urgent</c>.</summary>
    public string EmailSeverities { get; set; } = "";

    public IReadOnlyList<AlertSeverity> Severities => Parse(EmailSeverities);

    public static IReadOnlyList<AlertSeverity> Parse(string value) => value
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(s => Enum.TryParse<AlertSeverity>(s, ignoreCase: true, out var v) ? v : (AlertSeverity?)null)
        .OfType<AlertSeverity>()
        .Distinct()
        .Order()
        .ToArray();

    public static string Format(IEnumerable<AlertSeverity> severities)
        => string.Join(',', severities.Distinct().Order().Select(s => s.ToString().ToLowerInvariant()));
}

internal sealed class AlertPreferencesConfiguration : IEntityTypeConfiguration<AlertPreferences>
{
    public void Configure(EntityTypeBuilder<AlertPreferences> b)
    {
        b.HasKey(p => p.MemberId);
        b.Property(p => p.EmailSeverities).HasMaxLength(60);
        b.Ignore(p => p.Severities);
        b.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
