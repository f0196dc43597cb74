using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SafetyLadder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SafetyAlerts_AcknowledgedAt_EscalatedAt_EscalateAt",
                table: "SafetyAlerts");

            migrationBuilder.DropIndex(
                name: "IX_SafetyAlerts_AssignedTherapistId_AcknowledgedAt",
                table: "SafetyAlerts");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClosedAt",
                table: "SafetyAlerts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ClosedById",
                table: "SafetyAlerts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Reminders",
                table: "SafetyAlerts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ReviewJson",
                table: "SafetyAlerts",
                type: "text",
                nullable: true);

            SafetyLadderSql.CloseAcknowledgedAlerts(migrationBuilder);

            migrationBuilder.CreateTable(
                name: "EmergencyAccesses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicianId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmergencyAccesses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EmergencyAccesses_AspNetUsers_ClinicianId",
                        column: x => x.ClinicianId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EmergencyAccesses_AspNetUsers_PatientId",
                        column: x => x.PatientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SafetyAlertRecipients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AlertId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    NotifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SafetyAlertRecipients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SafetyAlertRecipients_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SafetyAlertRecipients_SafetyAlerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "SafetyAlerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SafetyAlerts_AssignedTherapistId_ClosedAt",
                table: "SafetyAlerts",
                columns: new[] { "AssignedTherapistId", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SafetyAlerts_ClosedAt_AcknowledgedAt_EscalateAt",
                table: "SafetyAlerts",
                columns: new[] { "ClosedAt", "AcknowledgedAt", "EscalateAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EmergencyAccesses_ClinicianId_PatientId_EndedAt",
                table: "EmergencyAccesses",
                columns: new[] { "ClinicianId", "PatientId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EmergencyAccesses_PatientId",
                table: "EmergencyAccesses",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_EmergencyAccesses_SourceId",
                table: "EmergencyAccesses",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_SafetyAlertRecipients_AlertId_UserId",
                table: "SafetyAlertRecipients",
                columns: new[] { "AlertId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SafetyAlertRecipients_UserId_Role",
                table: "SafetyAlertRecipients",
                columns: new[] { "UserId", "Role" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EmergencyAccesses");

            migrationBuilder.DropTable(
                name: "SafetyAlertRecipients");

            migrationBuilder.DropIndex(
                name: "IX_SafetyAlerts_AssignedTherapistId_ClosedAt",
                table: "SafetyAlerts");

            migrationBuilder.DropIndex(
                name: "IX_SafetyAlerts_ClosedAt_AcknowledgedAt_EscalateAt",
                table: "SafetyAlerts");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "SafetyAlerts");

            migrationBuilder.DropColumn(
                name: "ClosedById",
                table: "SafetyAlerts");

            migrationBuilder.DropColumn(
                name: "Reminders",
                table: "SafetyAlerts");

            migrationBuilder.DropColumn(
                name: "ReviewJson",
                table: "SafetyAlerts");

            migrationBuilder.CreateIndex(
                name: "IX_SafetyAlerts_AcknowledgedAt_EscalatedAt_EscalateAt",
                table: "SafetyAlerts",
                columns: new[] { "AcknowledgedAt", "EscalatedAt", "EscalateAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SafetyAlerts_AssignedTherapistId_AcknowledgedAt",
                table: "SafetyAlerts",
                columns: new[] { "AssignedTherapistId", "AcknowledgedAt" });
        }
    }
}
