using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Features.Dashboard;

/// <param name="Path">One of the fixed routes of the hub.</param>
/// <param name="TextKey">Key in <c>SharedText</c>.</param>
public sealed record NavLink(string Path, string TextKey);

/// <summary>
/// Which parts of the hub a member can use, decided once from their roles so the menu and the dashboard
/// shortcuts agree. Links are a courtesy, not security: every page checks its own policy.
/// </summary>
public static class ShellNavigation
{
    public static IReadOnlyList<NavLink> For(ICurrentMember me)
    {
        if (!me.IsAuthenticated)
        {
            // Log in sits beside the language switch, always visible, so the menu need not repeat it.
            return [new("/", "Home"), new("/Melden", "NavReport"), new("/Account/Register", "NavRegister")];
        }

        var links = new List<NavLink> { new("/Dashboard", "Dashboard") };
        var isPlatformAdmin = me.IsInRole(Roles.PlatformAdmin);
        if (me.TenantId is not null)
        {
            links.Add(new("/Alerts", "NavAlerts"));
            links.Add(new("/Boards", "NavBoards"));
            links.Add(new("/Meetings", "NavMeetings"));
            links.Add(new("/Directory", "NavDirectory"));
            links.Add(new("/Library", "NavLibrary"));
            links.Add(new("/Watch", "NavWatch"));
            if (me.IsInRole(Roles.Signals))
            {
                links.Add(new("/Signals", "NavSignals"));
            }
            else
            {
                links.Add(new("/Signals/Report", "NavSignalReport"));
            }
        }

        var isOov = me.IsInRole(Roles.Oov) && me.TenantId is not null;
        if (isPlatformAdmin || isOov)
        {
            links.Add(new("/Admin", "NavAdmin"));
            links.Add(new("/Audit", "NavAudit"));
        }

        links.Add(new("/Profile", "NavProfile"));
        return links;
    }

    /// <summary>The member's main perspective, for the dashboard's introduction and shortcuts.</summary>
    public static Persona PersonaOf(ICurrentMember me)
    {
        if (me.IsInRole(Roles.PlatformAdmin) && me.TenantId is null)
        {
            return Persona.PlatformAdmin;
        }

        if (me.IsInRole(Roles.Oov))
        {
            return Persona.Oov;
        }

        if (me.IsStaff)
        {
            return Persona.Staff;
        }

        if (Roles.Partners.Any(me.IsInRole))
        {
            return Persona.Partner;
        }

        if (me.Principal.FindAll(PpsClaims.EstateRole).Any(c => c.Value.StartsWith(Roles.Board + ":", StringComparison.Ordinal)))
        {
            return Persona.Board;
        }

        return me.Estates.Count > 0 ? Persona.Entrepreneur : Persona.Member;
    }

    /// <summary>Shortcuts on the dashboard: the two to four things this persona does most.</summary>
    public static IReadOnlyList<NavLink> Shortcuts(Persona persona, ICurrentMember me) => persona switch
    {
        Persona.PlatformAdmin => [new("/Admin", "ShortcutAdmin"), new("/Audit", "ShortcutAudit"), new("/Profile", "NavProfile")],
        Persona.Oov => me.IsInRole(Roles.Signals)
            ? [new("/Signals", "ShortcutSignals"), new("/Alerts", "ShortcutPostAlert"), new("/Admin", "ShortcutAdmin"), new("/Audit", "ShortcutAudit")]
            : [new("/Alerts", "ShortcutPostAlert"), new("/Admin", "ShortcutAdmin"), new("/Audit", "ShortcutAudit")],
        Persona.Staff => [new("/Vetting", "ShortcutVetting"), new("/Directory", "ShortcutDirectory"), new("/Meetings", "ShortcutMeetings")],
        // Not the anonymity map: it is for EZ, OOV and boards, and a partner following the link was refused.
        Persona.Partner => [new("/Alerts", "ShortcutPostAlert"), new("/Watch", "ShortcutWatch")],
        Persona.Board => [new("/Meetings", "ShortcutMeetings"), new("/Boards", "ShortcutBoards"), new("/Vetting", "ShortcutVetting"), new("/Signals/Report", "ShortcutReport")],
        Persona.Entrepreneur => me.Vetting == Members.VettingLevel.Vetted
            ? [new("/Alerts", "ShortcutAlerts"), new("/Boards", "ShortcutBoards"), new("/Signals/Report", "ShortcutReport"), new("/Library", "ShortcutLibrary")]
            : [new("/Onboarding", "ShortcutOnboarding"), new("/Library", "ShortcutLibrary"), new("/Signals/Report", "ShortcutReport")],
        _ => [new("/Onboarding", "ShortcutOnboarding"), new("/Profile", "NavProfile")],
    };
}

public enum Persona
{
    Member,
    Entrepreneur,
    Board,
    Partner,
    Staff,
    Oov,
    PlatformAdmin,
}
