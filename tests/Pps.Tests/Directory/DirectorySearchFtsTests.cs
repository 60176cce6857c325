using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.MemberDirectory;
using Pps.Web.Infrastructure.Data;

namespace Pps.Tests.DirectoryListing;

/// <summary>
/// The SQLite FTS5 table is made by <see cref="DirectorySearch"/>, not by a migration: a database whose table was made
/// before the prefix indexes must get them (and keep finding every entry); the last word of a query is a prefix.
/// Runs on its own SQLite file, outside the shared fixture, because it replaces the table.
/// </summary>
public sealed class DirectorySearchFtsTests : IAsyncLifetime
{
    private readonly Guid _tenantId = Guid.CreateVersion7();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"pps-fts-{Guid.NewGuid():N}.db");

    private PpsDb NewDb()
        => new(new DbContextOptionsBuilder<PpsDb>().UseSqlite($"Data Source={_file};Foreign Keys=False;Pooling=False").Options, new FixedTenant(_tenantId));

    public async Task InitializeAsync()
    {
        await using var db = NewDb();
        await db.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync()
    {
        File.Delete(_file);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_full_text_table_made_before_the_prefix_indexes_is_made_again_and_still_finds_every_entry()
    {
        await using (var db = NewDb())
        {
            // The definition of the first release: no prefix indexes.
            await db.Database.ExecuteSqlRawAsync(
                "CREATE VIRTUAL TABLE DirectorySearchFts USING fts5(Text, content='DirectorySearchEntries', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');");
            db.DirectorySearchEntries.Add(new DirectorySearchEntry { MemberId = Guid.CreateVersion7(), TenantId = _tenantId, Text = DirectorySearch.SearchText("Anna de Vries Transport Edisonstraat 170 2718 AB Zoetermeer") });
            await db.SaveChangesAsync();
        }

        await using (var db = NewDb())
        {
            var hits = await new DirectorySearch(db).SearchAsync("edisonstraat 17", null, 0, 51, CancellationToken.None);
            Assert.Single(hits);

            var definition = await db.Database.SqlQuery<string>($"SELECT sql AS Value FROM sqlite_master WHERE name = 'DirectorySearchFts'").SingleAsync();
            Assert.Contains("prefix='2 3 4'", definition, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_last_word_may_be_the_start_of_a_word_of_any_length_and_the_others_must_be_whole()
    {
        await using var db = NewDb();
        var member = Guid.CreateVersion7();
        db.DirectorySearchEntries.Add(new DirectorySearchEntry { MemberId = member, TenantId = _tenantId, Text = DirectorySearch.SearchText("Bram Jansen-Metaal B.V. 12345678 2562 Metaalbewerking Koperweg 17 2718 QZ Zoetermeer") });
        await db.SaveChangesAsync();
        var search = new DirectorySearch(db);

        // "de" and "van" before the last word are stop words: not asked for, so they do not have to be in the entry.
        foreach (var query in new[] { "1", "17", "kop", "kope", "koperweg", "metaalbewerking 27", "Jansen-Metaal B.V.", "jansen metaal b v", "12345678", "bram van de jansen" })
        {
            Assert.Equal([member], await search.SearchAsync(query, null, 0, 51, CancellationToken.None));
        }

        foreach (var query in new[] { "koperweg 18", "metaalb 2718", "bram jans zoetermeer" })
        {
            Assert.Empty(await search.SearchAsync(query, null, 0, 51, CancellationToken.None));
        }
    }

    private sealed class FixedTenant(Guid tenantId) : ITenantContext
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
}
