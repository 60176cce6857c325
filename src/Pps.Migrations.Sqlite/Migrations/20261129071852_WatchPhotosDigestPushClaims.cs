using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pps.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WatchPhotosDigestPushClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CancelledAt",
                table: "WatchRounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UpdatedAt",
                table: "WatchRounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PromotedPostId",
                table: "WatchIncidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PromotedSignalId",
                table: "WatchIncidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PromotedSignalReference",
                table: "WatchIncidents",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Digest",
                table: "ReachPreferences",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "DigestCoveredUntil",
                table: "ReachPreferences",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DigestPeriod",
                table: "ReachPreferences",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ClaimToken",
                table: "PushDeliveries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WatchIncidentPhotos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BlobKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    AddedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WatchIncidentPhotos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WatchIncidentPhotos_WatchIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "WatchIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReachPreferences_Digest",
                table: "ReachPreferences",
                column: "Digest");

            migrationBuilder.CreateIndex(
                name: "IX_PushDeliveries_ClaimToken",
                table: "PushDeliveries",
                column: "ClaimToken");

            migrationBuilder.CreateIndex(
                name: "IX_WatchIncidentPhotos_IncidentId",
                table: "WatchIncidentPhotos",
                column: "IncidentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WatchIncidentPhotos");

            migrationBuilder.DropIndex(
                name: "IX_ReachPreferences_Digest",
                table: "ReachPreferences");

            migrationBuilder.DropIndex(
                name: "IX_PushDeliveries_ClaimToken",
                table: "PushDeliveries");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "WatchRounds");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "WatchRounds");

            migrationBuilder.DropColumn(
                name: "PromotedPostId",
                table: "WatchIncidents");

            migrationBuilder.DropColumn(
                name: "PromotedSignalId",
                table: "WatchIncidents");

            migrationBuilder.DropColumn(
                name: "PromotedSignalReference",
                table: "WatchIncidents");

            migrationBuilder.DropColumn(
                name: "Digest",
                table: "ReachPreferences");

            migrationBuilder.DropColumn(
                name: "DigestCoveredUntil",
                table: "ReachPreferences");

            migrationBuilder.DropColumn(
                name: "DigestPeriod",
                table: "ReachPreferences");

            migrationBuilder.DropColumn(
                name: "ClaimToken",
                table: "PushDeliveries");
        }
    }
}
