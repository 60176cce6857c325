using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;

namespace Pps.Web.Features.Watch;

/// <summary>
/// Mails about a round, each in the recipient's language. Every text gets the same arguments: {0} estate, {1} start
/// (Dutch time), {2} route, {3} people on the round, {4} minimum, {5} the round's page. Mails join the caller's unit
/// of work; the purpose makes each one once-only per address.
/// </summary>
internal sealed class RoundMailer(PpsDb db, IEmailQueue queue, IOptions<PpsOptions> pps, IStringLocalizer<WatchText> text)
{
    public async Task MailAsync(PatrolRound round, IReadOnlyCollection<Guid> memberIds, string subjectKey, string bodyKey, string purpose, int count, CancellationToken ct)
    {
        var ids = memberIds.Distinct().ToArray();
        var recipients = await db.Members.Where(m => ids.Contains(m.Id) && m.ErasedAt == null && m.Email != null).ToListAsync(ct);
        var estate = await db.Estates.Where(e => e.Id == round.EstateId).Select(e => e.Name).SingleAsync(ct);
        var url = $"{pps.Value.PublicBaseUrl.TrimEnd('/')}/Watch/Rounds/{round.Id}";
        foreach (var member in recipients)
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(member.Culture is "en" ? "en" : "nl");
            try
            {
                var when = WatchTimes.ToLocal(round.StartUtc).ToString("f", CultureInfo.CurrentUICulture);
                await queue.QueueAsync(
                    new EmailMessage(
                        member.Email!,
                        text[subjectKey, estate, when].Value,
                        text[bodyKey, estate, when, round.Route, count, round.MinimumPeople, url].Value,
                        Purpose: purpose,
                        TenantId: round.TenantId),
                    ct);
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
    }
}
