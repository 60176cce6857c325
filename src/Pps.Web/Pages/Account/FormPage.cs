using FluentValidation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Members;

namespace Pps.Web.Pages.Account;

/// <summary>
/// Field errors for the account and profile forms: each names its field, is shown beside it and linked with
/// <c>aria-describedby</c>; texts come from <see cref="MembersText"/> (<c>Error_&lt;Field&gt;</c>).
/// </summary>
public abstract class FormPage(IStringLocalizer<MembersText> text) : PageModel
{
    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    protected IStringLocalizer<MembersText> Text => text;

    public bool HasError(string field) => Errors.ContainsKey(field);

    /// <summary>The id of the field's error message, for <c>aria-describedby</c>; null when the field is fine.</summary>
    public string? ErrorId(string field) => Errors.ContainsKey(field) ? $"{field.ToLowerInvariant()}-error" : null;

    public void AddError(string field, string? message = null)
    {
        var key = char.ToUpperInvariant(field[0]) + field[1..];
        Errors.TryAdd(key, message ?? text["Error_" + key]);
    }

    protected void AddErrors(ValidationException ex)
    {
        foreach (var e in ex.Errors)
        {
            AddError(e.PropertyName.Split('.')[0]);
        }
    }

    protected void AddErrors(IDictionary<string, string[]>? errors)
    {
        foreach (var key in errors?.Keys ?? [])
        {
            AddError(string.IsNullOrEmpty(key) ? "Form" : key);
        }
    }
}
