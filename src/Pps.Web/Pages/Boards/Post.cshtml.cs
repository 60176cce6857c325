using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Noticeboards;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Boards;

[Authorize(Policy = Policies.Member)]
public sealed class PostModel(IMediator mediator, ICurrentMember me) : PageModel
{
    public PostDto Post { get; private set; } = null!;

    public Guid MemberId => me.Id;

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostReplyAsync(Guid id, string? body, CancellationToken ct)
        => RunAsync(id, async () => await mediator.Send(new ReplyToPost(id, body ?? ""), ct), "DoneReply", ct);

    public Task<IActionResult> OnPostEditAsync(Guid id, string? title, string? body, CancellationToken ct)
        => RunAsync(id, async () => await mediator.Send(new EditPost(id, title ?? "", body ?? ""), ct), "DoneEdit", ct);

    public Task<IActionResult> OnPostReportAsync(Guid id, string? reason, CancellationToken ct)
        => RunAsync(id, async () => await mediator.Send(new ReportPost(id, reason ?? ""), ct), "DoneReport", ct);

    public Task<IActionResult> OnPostHideAsync(Guid id, string? reason, CancellationToken ct)
        => RunAsync(id, async () => await mediator.Send(new HidePost(id, reason ?? ""), ct), "DoneHide", ct);

    public Task<IActionResult> OnPostPinAsync(Guid id, bool pinned, CancellationToken ct)
        => RunAsync(id, async () => await mediator.Send(new PinPost(id, pinned), ct), pinned ? "DonePin" : "DoneUnpin", ct);

    private async Task<IActionResult> RunAsync(Guid id, Func<Task<Result>> action, string done, CancellationToken ct)
    {
        try
        {
            var result = await action();
            if (result.Status == ResultStatus.NotFound)
            {
                return NotFound();
            }

            if (result.IsSuccess)
            {
                Done = done;
                return Redirect($"/Boards/Posts/{id}");
            }

            foreach (var (field, messages) in result.Errors ?? new Dictionary<string, string[]> { [""] = [result.Detail ?? result.Status.ToString()] })
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

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new GetPost(id), ct);
        if (result.Value is null)
        {
            return false;
        }

        Post = result.Value;
        return true;
    }
}
