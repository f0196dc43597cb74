using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CareRelationships : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CareRelationships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicianId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstConversationAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OfferedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndReason = table.Column<string>(type: "text", nullable: true),
                    DeclineMessage = table.Column<string>(type: "text", nullable: true),
                    SuggestedColleagueId = table.Column<Guid>(type: "uuid", nullable: true),
                    EndingReviewId = table.Column<Guid>(type: "uuid", nullable: true),
                    TransferredFromId = table.Column<Guid>(type: "uuid", nullable: true),
                    TransferredToId = table.Column<Guid>(type: "uuid", nullable: true),
                    HandoverNote = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareRelationships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareRelationships_AspNetUsers_ClinicianId",
                        column: x => x.ClinicianId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CareRelationships_AspNetUsers_PatientId",
                        column: x => x.PatientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClinicalLeadShifts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicianId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SetById = table.Column<Guid>(type: "uuid", nullable: false),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClinicalLeadShifts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClinicalLeadShifts_AspNetUsers_ClinicianId",
                        column: x => x.ClinicianId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SupervisorId = table.Column<Guid>(type: "uuid", nullable: false),
                    TherapistId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AssignedById = table.Column<Guid>(type: "uuid", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionAssignments_AspNetUsers_SupervisorId",
                        column: x => x.SupervisorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionAssignments_AspNetUsers_TherapistId",
                        column: x => x.TherapistId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CoverPeriods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RelationshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    CoveringClinicianId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SetById = table.Column<Guid>(type: "uuid", nullable: false),
                    SetAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoverPeriods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoverPeriods_AspNetUsers_CoveringClinicianId",
                        column: x => x.CoveringClinicianId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CoverPeriods_CareRelationships_RelationshipId",
                        column: x => x.RelationshipId,
                        principalTable: "CareRelationships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CareRelationships_ClinicianId_Status",
                table: "CareRelationships",
                columns: new[] { "ClinicianId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CareRelationships_OneOpenPerPair",
                table: "CareRelationships",
                columns: new[] { "PatientId", "ClinicianId" },
                unique: true,
                filter: "\"Status\" IN ('Enquiry', 'Handover', 'Offered', 'Accepted')");

            migrationBuilder.CreateIndex(
                name: "IX_CareRelationships_OneResponsible",
                table: "CareRelationships",
                column: "PatientId",
                unique: true,
                filter: "\"Status\" = 'Accepted'");

            migrationBuilder.CreateIndex(
                name: "IX_CareRelationships_PatientId_Status",
                table: "CareRelationships",
                columns: new[] { "PatientId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ClinicalLeadShifts_ClinicianId",
                table: "ClinicalLeadShifts",
                column: "ClinicianId");

            migrationBuilder.CreateIndex(
                name: "IX_ClinicalLeadShifts_StartsAt_EndsAt",
                table: "ClinicalLeadShifts",
                columns: new[] { "StartsAt", "EndsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CoverPeriods_CoveringClinicianId_EndsAt",
                table: "CoverPeriods",
                columns: new[] { "CoveringClinicianId", "EndsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CoverPeriods_PatientId_CoveringClinicianId",
                table: "CoverPeriods",
                columns: new[] { "PatientId", "CoveringClinicianId" });

            migrationBuilder.CreateIndex(
                name: "IX_CoverPeriods_RelationshipId",
                table: "CoverPeriods",
                column: "RelationshipId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionAssignments_SupervisorId_TherapistId",
                table: "SupervisionAssignments",
                columns: new[] { "SupervisorId", "TherapistId" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionAssignments_TherapistId",
                table: "SupervisionAssignments",
                column: "TherapistId");

            // Existing data: the relationship that appointments used to imply becomes explicit (docs/architecture.md,
            // "Care relationships"). The therapist of each patient's latest course is responsible (Accepted); an earlier
            // course's therapist is recorded as Transferred; any other therapist the patient booked is an Enquiry.
            migrationBuilder.Sql("""
                INSERT INTO "CareRelationships" ("Id", "PatientId", "ClinicianId", "Status", "OpenedAt", "OfferedAt", "AcceptedAt", "EndedAt", "Version")
                SELECT gen_random_uuid(), c."PatientId", c."TherapistId",
                       CASE WHEN c."TherapistId" = latest."TherapistId" THEN 'Accepted' ELSE 'Transferred' END,
                       MIN(c."OpenedAt"), MIN(c."OpenedAt"), MIN(c."OpenedAt"),
                       CASE WHEN c."TherapistId" = latest."TherapistId" THEN NULL ELSE COALESCE(MAX(c."EndedAt"), MAX(c."OpenedAt")) END, 0
                FROM "TreatmentCourses" c
                JOIN LATERAL (SELECT l."TherapistId" FROM "TreatmentCourses" l WHERE l."PatientId" = c."PatientId"
                              ORDER BY l."OpenedAt" DESC LIMIT 1) latest ON TRUE
                GROUP BY c."PatientId", c."TherapistId", latest."TherapistId";
                """);
            migrationBuilder.Sql("""
                INSERT INTO "CareRelationships" ("Id", "PatientId", "ClinicianId", "Status", "OpenedAt", "FirstConversationAt", "Version")
                SELECT gen_random_uuid(), a."PatientId", a."TherapistId", 'Enquiry', MIN(a."CreatedAt"), MIN(a."StartUtc"), 0
                FROM "Appointments" a
                WHERE a."Status" <> 1
                  AND NOT EXISTS (SELECT 1 FROM "CareRelationships" r WHERE r."PatientId" = a."PatientId" AND r."ClinicianId" = a."TherapistId")
                GROUP BY a."PatientId", a."TherapistId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClinicalLeadShifts");

            migrationBuilder.DropTable(
                name: "CoverPeriods");

            migrationBuilder.DropTable(
                name: "SupervisionAssignments");

            migrationBuilder.DropTable(
                name: "CareRelationships");
        }
    }
}
