using System.Text.Json;
using FluentValidation;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Admin;

/// <summary>
/// Field errors of a form, keyed by the same camelCase field names the API's ProblemDetails use, so a page shows
/// exactly what the use case refused. Pages render each as text with id <c>{field}-error</c>, referenced by the
/// input's <c>aria-describedby</c>.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _errors.Count > 0;

    public IEnumerable<string> Fields => _errors.Keys;

    public bool Has(string field) => _errors.ContainsKey(field);

    public IReadOnlyList<string> For(string field) => _errors.TryGetValue(field, out var m) ? m : [];

    /// <summary>The id to put in <c>aria-describedby</c>: the hint and, when the field has an error, the error.</summary>
    public string? DescribedBy(string field, string? hintId = null)
    {
        var ids = new[] { hintId, Has(field) ? $"{field}-error" : null }.Where(i => i is not null);
        var joined = string.Join(' ', ids);
        return joined.Length == 0 ? null : joined;
    }

    public void Add(string field, string message)
        => _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public void Add(ValidationException exception)
    {
        foreach (var e in exception.Errors)
        {
            Add(JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName.Split('.')[0]), e.ErrorMessage);
        }
    }

    /// <summary>Takes the field errors of a refused result; returns false when there were none to take.</summary>
    public bool Add(Result result)
    {
        if (result.Status != ResultStatus.Invalid || result.Errors is null)
        {
            return false;
        }

        foreach (var (field, messages) in result.Errors)
        {
            foreach (var m in messages)
            {
                Add(field, m);
            }
        }

        return true;
    }
}
