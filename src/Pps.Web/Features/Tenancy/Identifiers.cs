using System.Text.RegularExpressions;
using FluentValidation;

namespace Pps.Web.Features.Tenancy;

/// <summary>The formats of Dutch register numbers the hub accepts.</summary>
public static partial class Identifiers
{
    [GeneratedRegex("^[0-9]{8}$")]
    public static partial Regex Kvk();

    [GeneratedRegex("^[0-9]{12}$")]
    public static partial Regex Branch();

    [GeneratedRegex("^[0-9]{16}$")]
    public static partial Regex Bag();

    [GeneratedRegex("^[1-9][0-9]{3} ?[A-Z]{2}$")]
    public static partial Regex PostalCode();

    public static IRuleBuilderOptions<T, string?> KvkNumber<T>(this IRuleBuilder<T, string?> rule)
        => rule.Must(v => v is null || Kvk().IsMatch(v)).WithMessage("A KvK number is exactly 8 digits.");

    public static IRuleBuilderOptions<T, string?> BranchNumber<T>(this IRuleBuilder<T, string?> rule)
        => rule.Must(v => v is null || Branch().IsMatch(v)).WithMessage("A branch number (vestigingsnummer) is exactly 12 digits.");

    public static IRuleBuilderOptions<T, string?> BagId<T>(this IRuleBuilder<T, string?> rule)
        => rule.Must(v => v is not null && Bag().IsMatch(v)).WithMessage("A BAG id is exactly 16 digits.");
}
