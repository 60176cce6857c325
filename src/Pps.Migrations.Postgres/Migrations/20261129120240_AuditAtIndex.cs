using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pps.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AuditAtIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries");
        }
    }
}
