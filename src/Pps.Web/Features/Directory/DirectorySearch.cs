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
/// PostgreSQL's stored <c>tsvector</c> column with its GIN index (<see cref="DirectorySearchVector"/>). All words must
/// match: every word but the last as a whole word, the last also as the start of a word, so a query works while it is
/// being typed ("prefix last", as the common search services do by default). A prefix on every word made a short
/// common word ("de" of "de Graaf") expand to every indexed word that starts with it, the slowest queries measured.
/// </summary>
public sealed partial class DirectorySearch(PpsDb db)
{
    public const string PostgresConfig = "simple";

    public const int MaxTerms = 8;

    /// <summary>
    /// FTS5 prefix indexes for words of 2, 3 and 4 characters: the last word is matched as a prefix, and without them a
    /// short one ("17" of a house number) merges the lists of every indexed word that starts with it (over a thousand
    /// in 100,000 entries).
    /// </summary>
    private const string FtsPrefixes = "prefix='2 3 4'";

    private static readonly SemaphoreSlim FtsLock = new(1, 1);
    private static readonly ConcurrentDictionary<string, bool> FtsReady = new();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    /// <summary>
    /// Words that select nothing in a Dutch directory — articles and the particles of surnames ("de", "van der") — left
    /// out of a full-text query unless they are its last word (perhaps the start of another) or its only one, as search
    /// engines leave out stop words. "Roos de Graaf" then asks for roos and graaf*; "de" alone matched half the entries
    /// and made the index intersect a list of 50,000.
    /// </summary>
    private static readonly HashSet<string> StopWords = ["de", "het", "een", "van", "der", "den", "ter", "ten", "te", "op", "en", "in"];

    /// <summary>The words of a query, lower-cased, at most <see cref="MaxTerms"/>; punctuation and operators are dropped.</summary>
    public static IReadOnlyList<string> Terms(string? query)
        => query is null ? [] : Word().Matches(query).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length <= 40).Distinct().Take(MaxTerms).ToList();

    /// <summary>The words the full-text query asks for: <see cref="Terms"/> without stop words before the last word.</summary>
    public static IReadOnlyList<string> FullTextTerms(string? query)
    {
        var terms = Terms(query);
        var kept = terms.Where((t, i) => i == terms.Count - 1 || !StopWords.Contains(t)).ToList();
        return kept.Count == 0 ? terms : kept;
    }

    /// <summary>
    /// One page of the members whose entry matches every word of <paramref name="query"/>, ordered and limited inside
    /// the full-text query, so a common word that matches a tenth of the entries still reads only a page.
    /// <paramref name="candidates"/> (the members the caller may see) is joined into the same SQL: filtering after the
    /// limit would drop visible rows from a page. Tenant boundaries come from the global filter on the entries.
    /// Order: by entry id (the order members joined) on both databases, which both engines deliver from the index
    /// itself and stop after one page. Relevance ranking was measured and dropped (docs/benchmarks/directory-search.md):
    /// <c>ts_rank</c> recomputes the tsvector of every match (130 ms for a word matching 10,000 entries) and FTS5's
    /// bm25 scores every match too (p50 48 ms on the shared machine). All words must match, so there is little to rank.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> SearchAsync(string query, IQueryable<Guid>? candidates, int skip, int take, CancellationToken ct)
    {
        var terms = FullTextTerms(query);
        if (terms.Count == 0 || take <= 0)
        {
            return [];
        }

        if (db.Database.IsNpgsql())
        {
            var tsquery = string.Join(" & ", terms.Select((t, i) => i == terms.Count - 1 ? t + ":*" : t));
            var hits = db.DirectorySearchEntries.AsNoTracking()
                .Where(e => EF.Property<NpgsqlTypes.NpgsqlTsVector>(e, DirectorySearchVector.Property).Matches(EF.Functions.ToTsQuery(PostgresConfig, tsquery)));
            if (candidates is not null)
            {
                hits = hits.Where(e => candidates.Contains(e.MemberId));
            }

            return await hits.OrderBy(e => e.Id).Skip(skip).Take(take).Select(e => e.MemberId).ToListAsync(ct);
        }

        await EnsureSqliteFtsAsync(db, ct);
        var match = string.Join(" ", terms.Select((t, i) => "\"" + t + (i == terms.Count - 1 ? "\"*" : "\"")));
        var fts = db.Database.SqlQuery<FtsHit>($"SELECT rowid AS EntryId FROM DirectorySearchFts WHERE DirectorySearchFts MATCH {match}");
        var matches = from h in fts
                      join e in db.DirectorySearchEntries on h.EntryId equals e.Id
                      select new { e.MemberId, h.EntryId };
        if (candidates is not null)
        {
            matches = matches.Where(r => candidates.Contains(r.MemberId));
        }

        // Ordered by the FTS rowid (the entry id), which FTS5 yields in order: no sort, and the scan stops after a page.
        return await matches.OrderBy(r => r.EntryId).Skip(skip).Take(take).Select(r => r.MemberId).ToListAsync(ct);
    }

    /// <summary>The same search as a LIKE scan, the same page in the same order: the baseline of the benchmark.</summary>
    public async Task<IReadOnlyList<Guid>> SearchByLikeAsync(string query, int skip, int take, CancellationToken ct)
    {
        var q = db.DirectorySearchEntries.AsNoTracking();
        foreach (var term in Terms(query))
        {
            var pattern = "%" + term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            q = q.Where(e => EF.Functions.Like(e.Text.ToLower(), pattern, "\\"));
        }

        return await q.OrderBy(e => e.Id).Skip(skip).Take(take).Select(e => e.MemberId).ToListAsync(ct);
    }

    /// <summary>A row of the FTS5 match: the entry's rowid.</summary>
    internal sealed record FtsHit(long EntryId);

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

            // A table made before the prefix indexes existed is made again (the rebuild below fills it from the entries).
            var existing = await db.Database.SqlQuery<string>($"SELECT sql AS Value FROM sqlite_master WHERE name = 'DirectorySearchFts'").ToListAsync(ct);
            if (existing.Count > 0 && !existing[0].Contains(FtsPrefixes, StringComparison.Ordinal))
            {
                await db.Database.ExecuteSqlRawAsync("DROP TABLE DirectorySearchFts;", ct);
            }

            await db.Database.ExecuteSqlRawAsync(
                $$"""
                CREATE VIRTUAL TABLE IF NOT EXISTS DirectorySearchFts USING fts5(Text, content='DirectorySearchEntries', content_rowid='Id', tokenize='unicode61 remove_diacritics 2', {{FtsPrefixes}});
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

        return SearchText(sb.ToString());
    }

    /// <summary>
    /// The words of <paramref name="raw"/>, lower-cased and separated by single spaces, at most 2,000 characters. The
    /// index then holds exactly the words <see cref="Terms"/> makes of a query: PostgreSQL's parser would otherwise keep
    /// "B.V." or "jansen-transport" whole, and a query's "b v" or "jansen" would not find them as whole words.
    /// </summary>
    public static string SearchText(string raw)
    {
        var text = string.Join(' ', Word().Matches(raw).Select(m => m.Value.ToLowerInvariant()));
        if (text.Length <= 2000)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', 2000);
        return text[..(cut > 0 ? cut : 2000)];
    }
}
