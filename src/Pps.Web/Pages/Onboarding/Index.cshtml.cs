using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Onboarding;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Onboarding;

[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public MyOnboarding? Mine { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Mine = (await mediator.Send(new GetMyOnboarding(), ct)).Value;
}
