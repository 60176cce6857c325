using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.MemberDirectory;

/// <summary>
/// Full-text search over directory entries, the one place that knows the provider: SQLite FTS5 (a virtual table over
/// <c>DirectorySearchEntries</c> kept in step by triggers, created here because EF migrations cannot model it) and
/// PostgreSQL <c>tsvector</c> with the GIN expression index from the model. Words are matched as prefixes, all must match.
/// </summary>
public sealed partial class DirectorySearch(PpsDb db)
{
    public const string PostgresConfig = "simple";

    public const int MaxTerms = 8;

    private static readonly SemaphoreSlim FtsLock = new(1, 1);
    private static readonly ConcurrentDictionary<string, bool> FtsReady = new();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    /// <summary>The words of a query, lower-cased, at most <see cref="MaxTerms"/>; punctuation and operators are dropped.</summary>
    public static IReadOnlyList<string> Terms(string? query)
        => query is null ? [] : Word().Matches(query).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length <= 40).Distinct().Take(MaxTerms).ToList();

    /// <summary>The member ids whose entry matches every word of <paramref name="query"/>, within the current tenant.</summary>
    public async Task<IQueryable<Guid>> MatchingMembersAsync(string query, CancellationToken ct)
    {
        var terms = Terms(query);
        if (terms.Count == 0)
        {
            return db.DirectorySearchEntries.Where(_ => false).Select(e => e.MemberId);
        }

        if (db.Database.IsNpgsql())
        {
            var tsquery = string.Join(" & ", terms.Select(t => t + ":*"));
            return db.DirectorySearchEntries
                .Where(e => EF.Functions.ToTsVector(PostgresConfig, e.Text).Matches(EF.Functions.ToTsQuery(PostgresConfig, tsquery)))
                .Select(e => e.MemberId);
        }

        await EnsureSqliteFtsAsync(db, ct);
        var match = string.Join(" ", terms.Select(t => "\"" + t + "\"*"));
        return db.DirectorySearchEntries
            .FromSqlInterpolated($"SELECT * FROM DirectorySearchEntries WHERE Id IN (SELECT rowid FROM DirectorySearchFts WHERE DirectorySearchFts MATCH {match})")
            .Select(e => e.MemberId);
    }

    /// <summary>The same search as a LIKE scan: the baseline of the benchmark.</summary>
    public IQueryable<Guid> MatchingMembersByLike(string query)
    {
        var q = db.DirectorySearchEntries.AsQueryable();
        foreach (var term in Terms(query))
        {
            var pattern = "%" + term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            q = q.Where(e => EF.Functions.Like(e.Text.ToLower(), pattern, "\\"));
        }

        return q.Select(e => e.MemberId);
    }

    /// <summary>Creates the FTS5 table and its triggers once per database, filling it from the entries that exist.</summary>
    public static async Task EnsureSqliteFtsAsync(PpsDb db, CancellationToken ct)
    {
        var key = db.Database.GetConnectionString() ?? "";
        if (FtsReady.ContainsKey(key))
        {
            return;
        }

        await FtsLock.WaitAsync(ct);
        try
        {
            if (FtsReady.ContainsKey(key))
            {
                return;
            }

            await db.Database.ExecuteSqlRawAsync(
                """
                CREATE VIRTUAL TABLE IF NOT EXISTS DirectorySearchFts USING fts5(Text, content='DirectorySearchEntries', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                CREATE TRIGGER IF NOT EXISTS DirectorySearchEntries_ai AFTER INSERT ON DirectorySearchEntries BEGIN
                  INSERT INTO DirectorySearchFts(rowid, Text) VALUES (new.Id, new.Text);
                END;
                CREATE TRIGGER IF NOT EXISTS DirectorySearchEntries_ad AFTER DELETE ON DirectorySearchEntries BEGIN
                  INSERT INTO DirectorySearchFts(DirectorySearchFts, rowid, Text) VALUES ('delete', old.Id, old.Text);
                END;
                CREATE TRIGGER IF NOT EXISTS DirectorySearchEntries_au AFTER UPDATE ON DirectorySearchEntries BEGIN
                  INSERT INTO DirectorySearchFts(DirectorySearchFts, rowid, Text) VALUES ('delete', old.Id, old.Text);
                  INSERT INTO DirectorySearchFts(rowid, Text) VALUES (new.Id, new.Text);
                END;
                INSERT INTO DirectorySearchFts(DirectorySearchFts) VALUES ('rebuild');
                """,
                ct);
            FtsReady[key] = true;
        }
        finally
        {
            FtsLock.Release();
        }
    }

    /// <summary>The text a member is found by.</summary>
    public static string TextFor(string person, Organisation? business, EstateUnit? unit)
    {
        var sb = new StringBuilder(person);
        if (business is not null)
        {
            sb.Append(' ').Append(business.Name).Append(' ').Append(business.KvkNumber).Append(' ').Append(business.SbiCode).Append(' ').Append(business.Activity);
        }

        if (unit is not null)
        {
            sb.Append(' ').Append(unit.Street).Append(' ').Append(unit.HouseNumber).Append(' ').Append(unit.PostalCode).Append(' ').Append(unit.PostalCode.Replace(" ", "", StringComparison.Ordinal)).Append(' ').Append(unit.City);
        }

        var text = sb.ToString();
        return text.Length <= 2000 ? text : text[..2000];
    }
}
