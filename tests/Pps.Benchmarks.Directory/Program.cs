using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.MemberDirectory;
using Pps.Web.Infrastructure.Data;

// Directory search on 100,000 members: full-text (SQLite FTS5 / PostgreSQL tsvector + GIN) against a LIKE scan of
// the same entries, in the same run. Not a test: it prints p50/p95/p99 as a Markdown section and appends it to a file.
//   dotnet run -c Release --project tests/Pps.Benchmarks.Directory -- Sqlite "" docs/benchmarks/directory-search.md
//   dotnet run -c Release --project tests/Pps.Benchmarks.Directory -- Postgres "Host=…;Database=bench" docs/benchmarks/directory-search.md
var provider = args.Length > 0 ? args[0] : "Sqlite";
var connection = args.Length > 1 && args[1].Length > 0 ? args[1] : $"Data Source={Path.Combine(Path.GetTempPath(), $"pps-bench-{Guid.NewGuid():N}.db")};Foreign Keys=False";
var output = args.Length > 2 ? args[2] : null;
var count = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100_000;
var tenantId = Guid.CreateVersion7();

// What the directory asks for: one page of 50 plus one row to know whether there is a next page.
const int Page = 51;

PpsDb NewDb()
{
    var options = new DbContextOptionsBuilder<PpsDb>();
    if (provider == "Postgres")
    {
        options.UseNpgsql(connection);
    }
    else
    {
        options.UseSqlite(connection);
    }

    if (Environment.GetEnvironmentVariable("PPS_BENCH_SQL") == "1")
    {
        // To read the SQL each search sends (and its plan by hand): PPS_BENCH_SQL=1 with a small entry count.
        options.LogTo(Console.Error.WriteLine, [DbLoggerCategory.Database.Command.Name], Microsoft.Extensions.Logging.LogLevel.Information);
    }

    return new PpsDb(options.Options, new BenchTenant(tenantId));
}

await using (var db = NewDb())
{
    await db.Database.EnsureDeletedAsync();
    await db.Database.EnsureCreatedAsync();
    if (provider == "Postgres")
    {
        // Only the search table is measured: its rows need no members or tenant behind them.
        await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "DirectorySearchEntries" DROP CONSTRAINT "FK_DirectorySearchEntries_AspNetUsers_MemberId"; ALTER TABLE "DirectorySearchEntries" DROP CONSTRAINT "FK_DirectorySearchEntries_Tenants_TenantId";""");
    }
    else
    {
        await DirectorySearch.EnsureSqliteFtsAsync(db, CancellationToken.None);
    }
}

string[] first = ["Anna", "Bram", "Chris", "Daan", "Eva", "Fleur", "Gijs", "Hanna", "Iris", "Joost", "Kees", "Lotte", "Milan", "Noor", "Olaf", "Pim", "Roos", "Sven", "Tess", "Wouter"];
string[] last = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf"];
(string Sbi, string Activity, string Noun)[] branches = [("4941", "Goederenvervoer over de weg", "Transport"), ("5210", "Opslag", "Opslag"), ("4511", "Handel in auto's", "Autohandel"), ("4639", "Groothandel in voedingsmiddelen", "Horecagroothandel"), ("2562", "Metaalbewerking", "Metaal"), ("4332", "Timmerwerk", "Bouw"), ("6201", "Ontwikkelen van software", "IT"), ("4520", "Autoreparatie", "Garage"), ("1071", "Bakkerijen", "Bakkerij"), ("4673", "Groothandel in hout en bouwmaterialen", "Bouwmaterialen")];
string[] streets = ["Industrieweg", "Edisonstraat", "Marconistraat", "Voltaweg", "Fokkerstraat", "Plesmanweg", "Zilverstraat", "Koperweg", "Platinastraat", "Tinweg"];
var random = new Random(2026);
var load = Stopwatch.StartNew();
for (var batch = 0; batch < count; batch += 5000)
{
    await using var db = NewDb();
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    for (var i = batch; i < Math.Min(count, batch + 5000); i++)
    {
        var b = branches[random.Next(branches.Length)];
        var text = $"{first[random.Next(first.Length)]} {last[random.Next(last.Length)]} {b.Noun} {last[random.Next(last.Length)]} {i} B.V. {10_000_000 + i} {b.Sbi} {b.Activity} {streets[random.Next(streets.Length)]} {random.Next(1, 400)} 27{random.Next(10, 99)} {(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))} Zoetermeer";
        db.DirectorySearchEntries.Add(new DirectorySearchEntry { MemberId = Guid.CreateVersion7(), TenantId = tenantId, Text = DirectorySearch.SearchText(text) });
    }

    await db.SaveChangesAsync();
}

var settings = "";
await using (var db = NewDb())
{
    await db.Database.ExecuteSqlRawAsync("ANALYZE;");
    if (provider == "Postgres")
    {
        settings = " PostgreSQL random_page_cost " + (await db.Database.SqlQueryRaw<string>("SELECT current_setting('random_page_cost') AS \"Value\"").ToListAsync()).Single() + ".";
    }
}

load.Stop();
string[] queries = ["12345678", "10054321", "dijkstra", "edisonstraat 17", "goederenvervoer", "metaal smit", "bakkerij", "hanna visser", "platinastraat", "software 6201", "10099999", "roos de graaf"];
var fts = new List<double>();
var like = new List<double>();
var perQuery = queries.ToDictionary(q => q, _ => (Fts: new List<double>(), Like: new List<double>(), Hits: 0, LikeHits: 0));
for (var round = 0; round < 25; round++)
{
    foreach (var q in queries)
    {
        await using var db = NewDb();
        var search = new DirectorySearch(db);
        var sw = Stopwatch.StartNew();
        var ids = await search.SearchAsync(q, null, 0, Page, CancellationToken.None);
        sw.Stop();
        if (round > 0)
        {
            fts.Add(sw.Elapsed.TotalMilliseconds);
            perQuery[q].Fts.Add(sw.Elapsed.TotalMilliseconds);
        }

        sw.Restart();
        var likeIds = await search.SearchByLikeAsync(q, 0, Page, CancellationToken.None);
        sw.Stop();
        if (round > 0)
        {
            like.Add(sw.Elapsed.TotalMilliseconds);
            perQuery[q].Like.Add(sw.Elapsed.TotalMilliseconds);
        }
        else
        {
            perQuery[q] = perQuery[q] with { Hits = ids.Count, LikeHits = likeIds.Count };
        }

        if (round == 0 && ids.Count != likeIds.Count)
        {
            Console.Error.WriteLine($"Note: '{q}' filled {ids.Count} of a page by full text, {likeIds.Count} by LIKE (LIKE also matches inside words).");
        }
    }
}

static string LoadAverage()
    => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static double P(List<double> xs, double p)
{
    var sorted = xs.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

var section = string.Create(CultureInfo.InvariantCulture, $"""

## {provider} — {count:N0} entries, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC

Loaded in {load.Elapsed.TotalSeconds:F1} s. {fts.Count} timed searches per method ({queries.Length} queries × 24 rounds, first round discarded as warm-up),
one page of {Page} ids fetched, ordered (entry id) and limited inside the SQL (what the directory page asks for); the LIKE baseline fetches the same page (same filter, ORDER BY id LIMIT {Page}). Machine: {Environment.ProcessorCount} cores; 1-, 5- and 15-minute load average at the end: {LoadAverage()}.{settings}

| Method | p50 (ms) | p95 (ms) | p99 (ms) |
|---|---:|---:|---:|
| Full text ({(provider == "Postgres" ? "tsvector + GIN" : "FTS5")}) | {P(fts, 0.50):F2} | {P(fts, 0.95):F2} | {P(fts, 0.99):F2} |
| LIKE baseline | {P(like, 0.50):F2} | {P(like, 0.95):F2} | {P(like, 0.99):F2} |
| LIKE ÷ full text | {P(like, 0.50) / P(fts, 0.50):F1}× | {P(like, 0.95) / P(fts, 0.95):F1}× | {P(like, 0.99) / P(fts, 0.99):F1}× |

Per query (median of the 24 timed rounds; rows = ids on the page, at most {Page}):

| Query | full text p50 (ms) | rows | LIKE p50 (ms) | rows | LIKE ÷ full text |
|---|---:|---:|---:|---:|---:|
{string.Join("\n", perQuery.Select(kv => string.Create(CultureInfo.InvariantCulture, $"| `{kv.Key}` | {P(kv.Value.Fts, 0.5):F2} | {kv.Value.Hits} | {P(kv.Value.Like, 0.5):F2} | {kv.Value.LikeHits} | {P(kv.Value.Like, 0.5) / P(kv.Value.Fts, 0.5):F1}× |")))}

""");
Console.WriteLine(section);
if (output is not null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    await File.AppendAllTextAsync(output, section);
}

await using (var db = NewDb())
{
    await db.Database.EnsureDeletedAsync();
}

internal sealed class BenchTenant(Guid tenantId) : ITenantContext
{
    public Guid? TenantId => tenantId;

    public bool IsCrossTenant => false;

    public void Use(Guid id)
    {
    }

    public void UseCrossTenant()
    {
    }
}
