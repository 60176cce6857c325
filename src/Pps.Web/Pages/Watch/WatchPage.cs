using Microsoft.AspNetCore.Mvc.ModelBinding;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Watch;

internal static class WatchPage
{
    /// <summary>Copies a failed result into the model state so the form shows it beside the field or at the top.</summary>
    public static void AddErrors(this ModelStateDictionary state, Result result)
    {
        if (result.Errors is { Count: > 0 } errors)
        {
            foreach (var (field, messages) in errors)
            {
                foreach (var message in messages)
                {
                    state.AddModelError(field, message);
                }
            }
        }
        else
        {
            state.AddModelError("", result.Detail ?? result.Status.ToString());
        }
    }
}
