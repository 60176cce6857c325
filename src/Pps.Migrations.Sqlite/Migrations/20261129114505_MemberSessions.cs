using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pps.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MemberSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MemberSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Browser = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    System = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SignedInAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Stamp = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberSessions_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MemberSessions_ExpiresAt",
                table: "MemberSessions",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_MemberSessions_MemberId_EndedAt",
                table: "MemberSessions",
                columns: new[] { "MemberId", "EndedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MemberSessions");
        }
    }
}
