using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LiveSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LiveSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TherapistId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoomId = table.Column<string>(type: "TEXT", maxLength: 22, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PatientWaitingSince = table.Column<long>(type: "INTEGER", nullable: true),
                    PatientFirstArrivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AdmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstAdmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SentBackAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PatientLocation = table.Column<string>(type: "TEXT", nullable: true),
                    LocationConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PatientMode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TherapistMode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LiveSessions_Appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "Appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LiveSessions_AppointmentId",
                table: "LiveSessions",
                column: "AppointmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LiveSessions_RoomId",
                table: "LiveSessions",
                column: "RoomId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LiveSessions");
        }
    }
}
