using System.Globalization;
using CsvHelper;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.MemberDirectory;

/// <summary>
/// Imports units and their businesses from a municipality's CSV list. Every row is validated with its line number;
/// a preview only reports, a commit stores all rows in one transaction or — if any row is wrong — nothing.
/// Columns (header, comma or semicolon): estate, bagId, street, houseNumber, postalCode, city, latitude, longitude,
/// ownerName, businessName, kvkNumber, branchNumber, sbiCode, activity, email.
/// </summary>
public sealed record ImportUnits(string Csv, bool Preview) : ICommand<Result<ImportReport>>;

public sealed record ImportReport(bool Preview, int Rows, int Valid, int Units, int Businesses, IReadOnlyList<ImportRow> Lines);

public sealed record ImportRow(int Line, string? BagId, IReadOnlyList<string> Errors);

internal sealed class ImportUnitsHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<ImportUnits, Result<ImportReport>>
{
    public const int MaxRows = 5000;

    public async ValueTask<Result<ImportReport>> Handle(ImportUnits cmd, CancellationToken ct)
    {
        if (!DirectoryManagementAccess.MayImport(me) || me.TenantId is not { } tenantId)
        {
            return Result<ImportReport>.Forbidden("Imports are for EZ and OOV.");
        }

        List<CsvUnit>? rows;
        try
        {
            rows = Parse(cmd.Csv);
        }
        catch (CsvFormatException ex)
        {
            return Result<ImportReport>.Invalid($"line {ex.LineNumber}", "The file is not readable CSV: " + ex.Message.Split('\n')[0]);
        }

        if (rows is null)
        {
            return Result<ImportReport>.Invalid("file", "The first line must name the columns (estate, bagId, street, houseNumber, postalCode, city, latitude, longitude, …).");
        }

        if (rows.Count == 0)
        {
            return Result<ImportReport>.Invalid("file", "The file has no rows.");
        }

        if (rows.Count > MaxRows)
        {
            return Result<ImportReport>.Invalid("file", $"At most {MaxRows} rows per import.");
        }

        var estates = await db.Estates.AsNoTracking().ToDictionaryAsync(e => e.Slug, StringComparer.OrdinalIgnoreCase, ct);
        var bagIds = rows.Select(r => r.BagId).Where(b => b is not null).ToList();
        var existingBags = (await db.Units.AsNoTracking().Where(u => bagIds.Contains(u.BagId)).Select(u => u.BagId).ToListAsync(ct)).ToHashSet();
        var branchNumbers = rows.Select(r => r.BranchNumber).Where(b => !string.IsNullOrEmpty(b)).ToList();
        var existingBusinesses = (await db.Organisations.Where(o => o.Kind == OrganisationKind.Business && o.BranchNumber != null && branchNumbers.Contains(o.BranchNumber)).ToListAsync(ct))
            .GroupBy(o => o.BranchNumber!).ToDictionary(g => g.Key, g => g.First());
        var seenBags = new HashSet<string>();
        var report = new List<ImportRow>();
        foreach (var r in rows)
        {
            var errors = new List<string>();
            if (r.Estate is null || !estates.ContainsKey(r.Estate))
            {
                errors.Add($"estate: no estate '{r.Estate}' in your municipality");
            }

            if (r.BagId is null || !Identifiers.Bag().IsMatch(r.BagId))
            {
                errors.Add("bagId: a BAG id is exactly 16 digits");
            }
            else if (existingBags.Contains(r.BagId) || !seenBags.Add(r.BagId))
            {
                errors.Add("bagId: this unit already exists");
            }

            if (string.IsNullOrWhiteSpace(r.Street) || r.Street.Length > 200)
            {
                errors.Add("street: required, at most 200 characters");
            }

            if (string.IsNullOrWhiteSpace(r.HouseNumber) || r.HouseNumber.Length > 20)
            {
                errors.Add("houseNumber: required, at most 20 characters");
            }

            if (r.PostalCode is null || !Identifiers.PostalCode().IsMatch(r.PostalCode.Trim().ToUpperInvariant()))
            {
                errors.Add("postalCode: a Dutch postal code looks like 2700 AB");
            }

            if (string.IsNullOrWhiteSpace(r.City) || r.City.Length > 100)
            {
                errors.Add("city: required, at most 100 characters");
            }

            if (!double.TryParse(r.Latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || lat is < -90 or > 90)
            {
                errors.Add("latitude: a number between -90 and 90");
            }

            if (!double.TryParse(r.Longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) || lon is < -180 or > 180)
            {
                errors.Add("longitude: a number between -180 and 180");
            }

            if (r.OwnerName?.Length > 200)
            {
                errors.Add("ownerName: at most 200 characters");
            }

            if (!string.IsNullOrWhiteSpace(r.BusinessName) || !string.IsNullOrWhiteSpace(r.KvkNumber) || !string.IsNullOrWhiteSpace(r.BranchNumber))
            {
                if (string.IsNullOrWhiteSpace(r.BusinessName) || r.BusinessName.Length > 200)
                {
                    errors.Add("businessName: required for a business, at most 200 characters");
                }

                if (r.KvkNumber is null || !Identifiers.Kvk().IsMatch(r.KvkNumber))
                {
                    errors.Add("kvkNumber: a KvK number is exactly 8 digits");
                }

                if (r.BranchNumber is null || !Identifiers.Branch().IsMatch(r.BranchNumber))
                {
                    errors.Add("branchNumber: a branch number is exactly 12 digits");
                }
                else if (existingBusinesses.TryGetValue(r.BranchNumber, out var known) && known.KvkNumber != r.KvkNumber)
                {
                    errors.Add("branchNumber: registered under another KvK number");
                }

                if (r.SbiCode?.Length > 10 || r.Activity?.Length > 200)
                {
                    errors.Add("sbiCode/activity: too long");
                }
            }

            if (r.Email is { Length: > 0 } mail && (mail.Length > 254 || !mail.Contains('@', StringComparison.Ordinal)))
            {
                errors.Add("email: not an e-mail address");
            }

            report.Add(new ImportRow(r.Line, r.BagId, errors));
        }

        var valid = report.Count(l => l.Errors.Count == 0);
        var businesses = rows.Count(r => !string.IsNullOrWhiteSpace(r.BranchNumber));
        if (cmd.Preview)
        {
            return Result<ImportReport>.Ok(new ImportReport(true, rows.Count, valid, 0, 0, report));
        }

        if (valid != rows.Count)
        {
            return Result<ImportReport>.Invalid(report.Where(l => l.Errors.Count > 0).ToDictionary(l => $"line {l.Line}", l => l.Errors.ToArray()));
        }

        var now = clock.GetUtcNow();
        var created = 0;
        foreach (var r in rows)
        {
            var estate = estates[r.Estate!];
            Organisation? business = null;
            if (!string.IsNullOrWhiteSpace(r.BranchNumber))
            {
                if (!existingBusinesses.TryGetValue(r.BranchNumber, out business))
                {
                    business = new Organisation
                    {
                        TenantId = tenantId, Kind = OrganisationKind.Business, Name = r.BusinessName!.Trim(), KvkNumber = r.KvkNumber, BranchNumber = r.BranchNumber,
                        SbiCode = r.SbiCode, Activity = r.Activity, Email = string.IsNullOrWhiteSpace(r.Email) ? null : r.Email.Trim(), CreatedAt = now,
                    };
                    db.Organisations.Add(business);
                    existingBusinesses[r.BranchNumber] = business;
                    created++;
                }
            }

            db.Units.Add(new EstateUnit
            {
                TenantId = tenantId, EstateId = estate.Id, BagId = r.BagId!, Street = r.Street!.Trim(), HouseNumber = r.HouseNumber!.Trim(),
                PostalCode = r.PostalCode!.Trim().ToUpperInvariant(), City = r.City!.Trim(),
                Latitude = double.Parse(r.Latitude!, CultureInfo.InvariantCulture), Longitude = double.Parse(r.Longitude!, CultureInfo.InvariantCulture),
                OwnerName = string.IsNullOrWhiteSpace(r.OwnerName) ? null : r.OwnerName.Trim(), OccupantOrganisationId = business?.Id, CreatedAt = now,
            });
        }

        audit.Add("units.imported", null, detail: $"{rows.Count} units, {created} new businesses");
        await db.SaveChangesAsync(ct);
        return Result<ImportReport>.Ok(new ImportReport(false, rows.Count, valid, rows.Count, created, report));
    }

    /// <summary>Null when the header does not name the columns.</summary>
    private static List<CsvUnit>? Parse(string csv)
    {
        var options = new CsvReaderOptions
        {
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        using var reader = CsvReader.FromText(csv, options);
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        foreach (var header in reader.Headers)
        {
            columns.TryAdd(header.Trim(), i++);
        }

        if (!columns.ContainsKey("bagId"))
        {
            return null;
        }

        var rows = new List<CsvUnit>();
        while (reader.Read())
        {
            string? F(string name) => columns.TryGetValue(name, out var index) && reader.GetStringOrNull(index) is { Length: > 0 } v ? v.Trim() : null;
            rows.Add(new CsvUnit(
                Convert.ToInt32(reader.LineNumber, CultureInfo.InvariantCulture), F("estate"), F("bagId"), F("street"), F("houseNumber"), F("postalCode"), F("city"), F("latitude"), F("longitude"),
                F("ownerName"), F("businessName"), F("kvkNumber"), F("branchNumber"), F("sbiCode"), F("activity"), F("email")));
            if (rows.Count > MaxRows)
            {
                break;
            }
        }

        return rows;
    }

    private sealed record CsvUnit(
        int Line, string? Estate, string? BagId, string? Street, string? HouseNumber, string? PostalCode, string? City, string? Latitude, string? Longitude,
        string? OwnerName, string? BusinessName, string? KvkNumber, string? BranchNumber, string? SbiCode, string? Activity, string? Email);
}
