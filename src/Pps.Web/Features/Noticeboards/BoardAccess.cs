using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Features.Noticeboards;

/// <summary>
/// Who may read, post on and moderate a board. One policy for pages, API and hub, so they cannot disagree.
/// <list type="bullet">
/// <item>Estate board: municipal staff, and vetted members with an estate role (board or entrepreneur) on that estate.</item>
/// <item>Association board: municipal staff, and vetted board members of that estate.</item>
/// <item>Tenant board: municipal staff and every vetted member of the tenant.</item>
/// <item>Department board: staff holding that department's role.</item>
/// </list>
/// An estate role counts only once the member is vetted: a member who only registered (not yet vetted)
/// sees no board at all — the boards page tells them the boards open once their vetting is done. Partners
/// (police, fire service) read the tenant board when vetted. Readers may post and report; moderating (hiding)
/// and pinning belong to staff, and on estate and association boards also to that estate's board members.
/// </summary>
public sealed class BoardAccess(ICurrentMember me)
{
    private bool IsVetted => me.Vetting == VettingLevel.Vetted;

    public bool CanRead(Board board)
    {
        if (me.TenantId != board.TenantId)
        {
            return false;
        }

        return board.Kind switch
        {
            BoardKind.Estate => me.IsStaff || (IsVetted && board.EstateId is { } e
                && (me.HasEstateRole(Roles.Board, e) || me.HasEstateRole(Roles.Entrepreneur, e))),
            BoardKind.Association => me.IsStaff || (IsVetted && board.EstateId is { } e && me.HasEstateRole(Roles.Board, e)),
            BoardKind.Tenant => me.IsStaff || IsVetted,
            BoardKind.Department => board.DepartmentRole is { } role && Roles.Staff.Contains(role) && me.IsInRole(role),
            _ => false,
        };
    }

    /// <summary>Every reader of a board may post on it (the boards are meant for the whole circle).</summary>
    public bool CanPost(Board board) => CanRead(board);

    public bool CanModerate(Board board)
        => CanRead(board) && (me.IsStaff || (board.Kind is BoardKind.Estate or BoardKind.Association
            && board.EstateId is { } e && me.HasEstateRole(Roles.Board, e)));

    public bool CanPin(Board board) => CanModerate(board);
}
