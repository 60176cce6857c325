using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Meetings;

/// <summary>Runs a use case from a page and turns validation failures into model-state errors for the form.</summary>
internal static class MeetingPageHelpers
{
    public static async Task<TResult?> SendAsync<TResult>(IMediator mediator, ICommand<TResult> command, ModelStateDictionary state, CancellationToken ct)
        where TResult : Result
    {
        try
        {
            var result = await mediator.Send(command, ct);
            if (result.Errors is { } errors)
            {
                foreach (var (field, messages) in errors)
                {
                    foreach (var message in messages)
                    {
                        state.AddModelError(field, message);
                    }
                }
            }
            else if (!result.IsSuccess && result.Status != ResultStatus.NotFound)
            {
                state.AddModelError("", result.Detail ?? result.Status.ToString());
            }

            return result;
        }
        catch (ValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                state.AddModelError(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(error.PropertyName), error.ErrorMessage);
            }

            return null;
        }
    }
}
