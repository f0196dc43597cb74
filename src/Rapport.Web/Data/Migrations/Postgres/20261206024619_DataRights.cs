using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DataRights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ForgetAddressWhenSent",
                table: "OutboxMessages",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ErasedAt",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RecordsKeptUntil",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ErasureRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CarryOutAfter = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CarriedOutAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RetentionEndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PurgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ErasureRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ErasureRequests_AspNetUsers_PatientId",
                        column: x => x.PatientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ErasureRequests_PatientId",
                table: "ErasureRequests",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_ErasureRequests_Status_CarryOutAfter",
                table: "ErasureRequests",
                columns: new[] { "Status", "CarryOutAfter" });

            migrationBuilder.CreateIndex(
                name: "IX_ErasureRequests_Status_RetentionEndsAt",
                table: "ErasureRequests",
                columns: new[] { "Status", "RetentionEndsAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ErasureRequests");

            migrationBuilder.DropColumn(
                name: "ForgetAddressWhenSent",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "ErasedAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "RecordsKeptUntil",
                table: "AspNetUsers");
        }
    }
}
