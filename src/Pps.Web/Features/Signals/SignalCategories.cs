using System.Globalization;

namespace Pps.Web.Features.Signals;

/// <summary>One category of the fixed two-level list: a group and a sub-category, each with a Dutch and English label.</summary>
public sealed record SignalCategory(string Code, string GroupCode, string GroupNl, string GroupEn, string Nl, string En)
{
    public string Label(CultureInfo? culture = null) => IsEnglish(culture) ? En : Nl;

    public string GroupLabel(CultureInfo? culture = null) => IsEnglish(culture) ? GroupEn : GroupNl;

    public string FullLabel(CultureInfo? culture = null) => $"{GroupLabel(culture)} – {Label(culture)}";

    private static bool IsEnglish(CultureInfo? culture)
        => (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName == "en";
}

/// <summary>
/// The fixed category lists, in code rather than in the database: the aggregates for the partnership must mean the
/// same thing in every municipality, and a list that handlers could edit would let small groups be singled out.
/// </summary>
public static class SignalCategories
{
    public static readonly IReadOnlyList<SignalCategory> Signals =
    [
        new("property.cash-rent", "property", "Vastgoed en verhuur", "Property and letting", "Huur contant betaald", "Rent paid in cash"),
        new("property.unknown-occupants", "property", "Vastgoed en verhuur", "Property and letting", "Onbekende gebruikers", "Unknown occupants"),
        new("property.blinded-windows", "property", "Vastgoed en verhuur", "Property and letting", "Geblindeerde ramen", "Blinded windows"),
        new("property.other", "property", "Vastgoed en verhuur", "Property and letting", "Anders", "Other"),
        new("activity.smell", "activity", "Activiteit", "Activity", "Vreemde geur", "Strange smell"),
        new("activity.night-traffic", "activity", "Activiteit", "Activity", "Verkeer 's nachts", "Night traffic"),
        new("activity.power-use", "activity", "Activiteit", "Activity", "Hoog stroomverbruik", "Heavy power use"),
        new("activity.waste-dumping", "activity", "Activiteit", "Activity", "Afval dumpen", "Waste dumping"),
        new("activity.other", "activity", "Activiteit", "Activity", "Anders", "Other"),
        new("persons.intimidation", "persons", "Personen", "Persons", "Intimidatie", "Intimidation"),
        new("persons.odd-offers", "persons", "Personen", "Persons", "Aanbod tot koop of huur tegen vreemde prijzen", "Offers to buy or rent at odd prices"),
        new("persons.other", "persons", "Personen", "Persons", "Anders", "Other"),
        new("other.other", "other", "Overig", "Other", "Overig", "Other"),
    ];

    public static readonly IReadOnlyList<SignalCategory> Integrity =
    [
        new("influence.offer", "influence", "Ongewenste beïnvloeding", "Improper influence", "Aanbod of gift", "Offer or gift"),
        new("influence.threat", "influence", "Ongewenste beïnvloeding", "Improper influence", "Bedreiging", "Threat"),
        new("influence.pressure", "influence", "Ongewenste beïnvloeding", "Improper influence", "Druk of intimidatie", "Pressure or intimidation"),
        new("influence.other", "influence", "Ongewenste beïnvloeding", "Improper influence", "Anders", "Other"),
    ];

    public static IReadOnlyList<SignalCategory> For(SignalRoute route) => route == SignalRoute.Integrity ? Integrity : Signals;

    public static SignalCategory? Find(SignalRoute route, string? code) => For(route).FirstOrDefault(c => c.Code == code);

    public static string LabelOf(string code, CultureInfo? culture = null)
        => (Find(SignalRoute.Signal, code) ?? Find(SignalRoute.Integrity, code))?.FullLabel(culture) ?? code;
}
