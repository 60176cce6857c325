using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Noticeboards;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Boards;

[Authorize(Policy = Policies.Member)]
[RequestSizeLimit(PostAttachment.MaxPerPost * PostAttachment.MaxBytes + 1_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = PostAttachment.MaxPerPost * PostAttachment.MaxBytes + 1_000_000)]
public sealed class BoardModel(IMediator mediator, BoardViews views, PpsDb db, ICurrentMember me) : PageModel
{
    public Board Board { get; private set; } = null!;

    public string BoardName { get; private set; } = "";

    public PostPage Posts { get; private set; } = new([], 1, 20, 0);

    public IReadOnlyList<(Guid Id, string Address)> Units { get; private set; } = [];

    public Guid MemberId => me.Id;

    [BindProperty(SupportsGet = true)]
    public SafetyTag? Tag { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>Values of the new-post form, shown again after a validation error.</summary>
    public IFormCollection? Submitted { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await mediator.Send(new MarkBoardRead(id), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var form = await Request.ReadFormAsync(ct);
        Submitted = form;
        var (files, error) = await AttachmentReader.ReadAsync(form.Files, ct);
        if (error is not null)
        {
            ModelState.AddModelError("attachments", error);
        }
        else
        {
            try
            {
                var result = await mediator.Send(PostForm.ToCommand(id, form) with { Attachments = files }, ct);
                if (result.Status == ResultStatus.NotFound)
                {
                    return NotFound();
                }

                if (result.IsSuccess)
                {
                    return Redirect($"/Boards/{id}");
                }

                foreach (var (field, messages) in result.Errors ?? new Dictionary<string, string[]>())
                {
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(field, message);
                    }
                }
            }
            catch (ValidationException v)
            {
                foreach (var e in v.Errors)
                {
                    ModelState.AddModelError(e.PropertyName, e.ErrorMessage);
                }
            }
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var board = await views.ReadableBoardAsync(id, ct);
        if (board is null)
        {
            return false;
        }

        Board = board;
        BoardName = await views.NameOfAsync(board, ct);
        var tag = Tag is { } t && Enum.IsDefined(t) ? t : (SafetyTag?)null;
        var page = await mediator.Send(new GetBoardPosts(id, Math.Clamp(PageNumber, 1, 10_000), 20, tag), ct);
        Posts = page.Value ?? Posts;
        var units = board.EstateId is { } estateId
            ? await db.Units.Where(u => u.EstateId == estateId).OrderBy(u => u.Street).ThenBy(u => u.HouseNumber).Select(u => new { u.Id, u.Street, u.HouseNumber }).ToListAsync(ct)
            : [];
        Units = units.Select(u => (u.Id, $"{u.Street} {u.HouseNumber}")).ToList();
        return true;
    }

    public string? Value(string field) => Submitted?[field].ToString();
}
