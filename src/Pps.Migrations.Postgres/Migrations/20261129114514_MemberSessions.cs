using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pps.Migrations.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Browser = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    System = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SignedInAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Stamp = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
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
