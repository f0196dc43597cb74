using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Web.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "ErasedAt",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RecordsKeptUntil",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ErasureRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CarryOutAfter = table.Column<long>(type: "INTEGER", nullable: false),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CarriedOutAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RetentionEndsAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PurgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
