namespace Pps.Web.Infrastructure.Kvk;

/// <summary>What the Chamber of Commerce register says about one branch (vestiging).</summary>
/// <param name="Found">False when the register has no such KvK number / branch combination.</param>
/// <param name="EndDate">Set when the branch has been deregistered (<c>datumEinde</c>).</param>
/// <param name="Shielded">The address is shielded (<c>indAfgeschermd</c>): it cannot be compared.</param>
public sealed record KvkBranch(
    bool Found,
    string KvkNumber,
    string BranchNumber,
    string? TradeName,
    KvkAddress? Address,
    DateOnly? EndDate,
    bool Shielded,
    string Source)
{
    public bool IsActive => Found && EndDate is null;

    public static KvkBranch NotFound(string kvk, string branch, string source) => new(false, kvk, branch, null, null, null, false, source);
}

public sealed record KvkAddress(string Street, string HouseNumber, string PostalCode, string City)
{
    /// <summary>Postal code and house number decide whether two addresses are the same premises.</summary>
    public bool SamePremisesAs(string postalCode, string houseNumber)
        => Normalise(PostalCode) == Normalise(postalCode) && Normalise(HouseNumber) == Normalise(houseNumber);

    private static string Normalise(string s) => new string(s.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
}

/// <summary>What an EZ account manager declares to have checked in the register (manual mode).</summary>
public sealed record ManualKvkCheck(string KvkNumber, string BranchNumber, string Street, string HouseNumber, string PostalCode, string City, string? Note);

/// <summary>
/// Looks up a branch in the KvK register. Two implementations: <see cref="ManualKvkAdapter"/> (the default: the EZ
/// account manager checks by hand and enters what they saw) and <see cref="KvkApiAdapter"/> (KvK API Zoeken and
/// Vestigingsprofiel).
/// </summary>
public interface IKvkAdapter
{
    /// <summary>True when the adapter consults the register itself (a re-check by a job means something).</summary>
    bool IsAutomatic { get; }

    /// <param name="manual">What the EZ account manager entered; used by the manual adapter, ignored by the API.</param>
    Task<KvkBranch> LookUpAsync(string kvkNumber, string branchNumber, ManualKvkCheck? manual, CancellationToken ct);
}

/// <summary>Thrown when the register could not be asked (network, 5xx, bad key): not a verdict about the branch.</summary>
public sealed class KvkUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

internal sealed class ManualKvkAdapter : IKvkAdapter
{
    public bool IsAutomatic => false;

    public Task<KvkBranch> LookUpAsync(string kvkNumber, string branchNumber, ManualKvkCheck? manual, CancellationToken ct)
    {
        if (manual is null)
        {
            return Task.FromResult(KvkBranch.NotFound(kvkNumber, branchNumber, "manual"));
        }

        return Task.FromResult(new KvkBranch(
            true,
            manual.KvkNumber,
            manual.BranchNumber,
            null,
            new KvkAddress(manual.Street, manual.HouseNumber, manual.PostalCode, manual.City),
            null,
            false,
            "manual"));
    }
}

public sealed class KvkOptions
{
    public const string Section = "Kvk";

    /// <summary><c>Manual</c> (default) or <c>Api</c>.</summary>
    public string Mode { get; set; } = "Manual";

    /// <summary>For example <c>https://api.kvk.nl/api</c>; the client appends <c>/v2/zoeken</c> and <c>/v1/vestigingsprofielen/…</c>.</summary>
    public string? BaseUrl { get; set; }

    public string? ApiKey { get; set; }

    public bool UsesApi => string.Equals(Mode, "Api", StringComparison.OrdinalIgnoreCase);
}
