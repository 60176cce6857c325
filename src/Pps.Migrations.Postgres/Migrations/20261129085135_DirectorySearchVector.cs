using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Pps.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DirectorySearchVector : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DirectorySearchEntries_Text",
                table: "DirectorySearchEntries");

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "SearchVector",
                table: "DirectorySearchEntries",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('simple'::regconfig, \"Text\")",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_DirectorySearchEntries_SearchVector",
                table: "DirectorySearchEntries",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DirectorySearchEntries_SearchVector",
                table: "DirectorySearchEntries");

            migrationBuilder.DropColumn(
                name: "SearchVector",
                table: "DirectorySearchEntries");

            migrationBuilder.CreateIndex(
                name: "IX_DirectorySearchEntries_Text",
                table: "DirectorySearchEntries",
                column: "Text")
                .Annotation("Npgsql:IndexMethod", "GIN")
                .Annotation("Npgsql:TsVectorConfig", "simple");
        }
    }
}
