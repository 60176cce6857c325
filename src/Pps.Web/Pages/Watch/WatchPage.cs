using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Watch;

internal static class WatchPage
{
    /// <summary>Runs a use case for a form: the validation pipeline throws, a form wants the errors beside its fields.</summary>
    public static async Task<Result> Run<T>(Func<ValueTask<T>> send) where T : Result
    {
        try
        {
            return await send();
        }
        catch (ValidationException ex)
        {
            return Result.Invalid(ex.Errors
                .GroupBy(e => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));
        }
    }

    /// <summary>Coordinates typed in a Dutch or English form: a decimal point or comma, never culture-dependent.</summary>
    public static double? Coordinate(string? text)
        => double.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

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
