using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pps.Migrations.Sqlite.Migrations
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_DirectorySearchEntries_Text",
                table: "DirectorySearchEntries",
                column: "Text");
        }
    }
}
