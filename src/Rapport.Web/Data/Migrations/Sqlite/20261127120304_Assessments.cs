using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Rapport.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Assessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssessmentResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstrumentId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    InstrumentVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Answers = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsComplete = table.Column<bool>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: true),
                    Band = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Risk = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeasureRequestId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentResponses_AspNetUsers_PatientId",
                        column: x => x.PatientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    GivenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Consents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Consents_AspNetUsers_PatientId",
                        column: x => x.PatientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CrisisResources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Hours = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrisisResources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InstrumentLicences",
                columns: table => new
                {
                    InstrumentId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstrumentLicences", x => x.InstrumentId);
                });

            migrationBuilder.CreateTable(
                name: "Intakes",
                columns: table => new
                {
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WhatBringsYou = table.Column<string>(type: "TEXT", nullable: false),
                    LowMoodSince = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PreviousTreatment = table.Column<string>(type: "TEXT", nullable: true),
                    Medication = table.Column<string>(type: "TEXT", nullable: true),
                    EmergencyContactName = table.Column<string>(type: "TEXT", nullable: false),
                    EmergencyContactRelationship = table.Column<string>(type: "TEXT", nullable: false),
                    EmergencyContactPhone = table.Column<string>(type: "TEXT", nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    UsualLocation = table.Column<string>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Intakes", x => x.PatientId);
                    table.ForeignKey(
                        name: "FK_Intakes_AspNetUsers_PatientId",
                        column: x => x.PatientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LifeEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    RecordedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LifeEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LifeEvents_AspNetUsers_PatientId",
                        column: x => x.PatientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeasurementPlans",
                columns: table => new
                {
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Phq9EveryNthSession = table.Column<int>(type: "INTEGER", nullable: false),
                    Gad7EveryNthSession = table.Column<int>(type: "INTEGER", nullable: false),
                    WsasEveryNthSession = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeasurementPlans", x => x.PatientId);
                    table.ForeignKey(
                        name: "FK_MeasurementPlans_AspNetUsers_PatientId",
                        column: x => x.PatientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeasureRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstrumentId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RequestedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeasureRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeasureRequests_AspNetUsers_PatientId",
                        column: x => x.PatientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SafetyPlanVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    WarningSigns = table.Column<string>(type: "TEXT", nullable: true),
                    CopingStrategies = table.Column<string>(type: "TEXT", nullable: true),
                    DistractionPeopleAndPlaces = table.Column<string>(type: "TEXT", nullable: true),
                    PeopleToAskForHelp = table.Column<string>(type: "TEXT", nullable: true),
                    ProfessionalsAndCrisisLines = table.Column<string>(type: "TEXT", nullable: true),
                    MakingTheEnvironmentSafe = table.Column<string>(type: "TEXT", nullable: true),
                    ReasonForLiving = table.Column<string>(type: "TEXT", nullable: true),
                    AuthoredById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SafetyPlanVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SafetyPlanVersions_AspNetUsers_PatientId",
                        column: x => x.PatientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SafetyAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstrumentId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ItemNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemScore = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    AssignedTherapistId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EscalateAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActionTaken = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SafetyAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SafetyAlerts_AspNetUsers_PatientId",
                        column: x => x.PatientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SafetyAlerts_AssessmentResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "AssessmentResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "CrisisResources",
                columns: new[] { "Id", "CountryCode", "Hours", "Name", "Notes", "Phone", "SortOrder", "Text", "UpdatedAt", "Url" },
                values: new object[,]
                {
                    { new Guid("5afe0000-0000-4000-8000-000000000001"), "*", "24 hours", "Emergency services", "112 reaches emergency services from mobile phones across the EU and in many other countries. If it does not work where you are, call your local emergency number.", "112", 1, null, null, null },
                    { new Guid("5afe0000-0000-4000-8000-000000000002"), "US", "24 hours", "988 Suicide & Crisis Lifeline", "Call or text. Free and confidential.", "988", 2, "988", null, "https://988lifeline.org" },
                    { new Guid("5afe0000-0000-4000-8000-000000000003"), "US", "24 hours", "Emergency services", null, "911", 3, null, null, null },
                    { new Guid("5afe0000-0000-4000-8000-000000000004"), "CA", "24 hours", "9-8-8 Suicide Crisis Helpline", "Call or text, in English or French.", "988", 4, "988", null, "https://988.ca" },
                    { new Guid("5afe0000-0000-4000-8000-000000000005"), "CA", "24 hours", "Emergency services", null, "911", 5, null, null, null },
                    { new Guid("5afe0000-0000-4000-8000-000000000006"), "GB", "24 hours", "Samaritans", "Free to call from any phone.", "116 123", 6, null, null, "https://www.samaritans.org" },
                    { new Guid("5afe0000-0000-4000-8000-000000000007"), "GB", "24 hours", "Shout", "Text SHOUT to 85258.", null, 7, "85258", null, "https://giveusashout.org" },
                    { new Guid("5afe0000-0000-4000-8000-000000000008"), "GB", "24 hours", "Emergency services", null, "999", 8, null, null, null },
                    { new Guid("5afe0000-0000-4000-8000-000000000009"), "IE", "24 hours", "Samaritans", "Free to call from any phone.", "116 123", 9, null, null, "https://www.samaritans.org/ireland" },
                    { new Guid("5afe0000-0000-4000-8000-000000000010"), "IE", "24 hours", "Text About It", "Text HELLO to 50808.", null, 10, "50808", null, "https://text50808.ie" },
                    { new Guid("5afe0000-0000-4000-8000-000000000011"), "IE", "24 hours", "Emergency services", "999 also works.", "112", 11, null, null, null },
                    { new Guid("5afe0000-0000-4000-8000-000000000012"), "AU", "24 hours", "Lifeline", null, "13 11 14", 12, "0477 13 11 14", null, "https://www.lifeline.org.au" },
                    { new Guid("5afe0000-0000-4000-8000-000000000013"), "AU", "24 hours", "Emergency services", null, "000", 13, null, null, null },
                    { new Guid("5afe0000-0000-4000-8000-000000000014"), "NZ", "24 hours", "Need to talk?", "Call or text to talk with a trained counsellor.", "1737", 14, "1737", null, "https://1737.org.nz" },
                    { new Guid("5afe0000-0000-4000-8000-000000000015"), "NZ", "24 hours", "Emergency services", null, "111", 15, null, null, null },
                    { new Guid("5afe0000-0000-4000-8000-000000000016"), "DE", "24 hours", "TelefonSeelsorge", "Also 0800 111 0 222. Free and anonymous.", "0800 111 0 111", 16, null, null, "https://www.telefonseelsorge.de" },
                    { new Guid("5afe0000-0000-4000-8000-000000000017"), "FR", "24 hours", "3114 Numéro national de prévention du suicide", null, "3114", 17, null, null, "https://3114.fr" },
                    { new Guid("5afe0000-0000-4000-8000-000000000018"), "ES", "24 hours", "Línea 024 de atención a la conducta suicida", null, "024", 18, null, null, null },
                    { new Guid("5afe0000-0000-4000-8000-000000000019"), "NL", "24 hours", "113 Zelfmoordpreventie", "Or call 0800-0113 free.", "113", 19, null, null, "https://www.113.nl" },
                    { new Guid("5afe0000-0000-4000-8000-000000000020"), "IN", "24 hours", "Tele-MANAS", "Also 1-800-891-4416.", "14416", 20, null, null, "https://telemanas.mohfw.gov.in" },
                    { new Guid("5afe0000-0000-4000-8000-000000000021"), "ZA", "24 hours", "SADAG Suicide Crisis Helpline", null, "0800 567 567", 21, null, null, "https://www.sadag.org" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentResponses_PatientId_InstrumentId_SubmittedAt",
                table: "AssessmentResponses",
                columns: new[] { "PatientId", "InstrumentId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentResponses_PatientId_SubmissionId",
                table: "AssessmentResponses",
                columns: new[] { "PatientId", "SubmissionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Consents_PatientId_Kind",
                table: "Consents",
                columns: new[] { "PatientId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_CrisisResources_CountryCode_SortOrder",
                table: "CrisisResources",
                columns: new[] { "CountryCode", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_LifeEvents_PatientId_Month",
                table: "LifeEvents",
                columns: new[] { "PatientId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_MeasureRequests_PatientId_ResponseId",
                table: "MeasureRequests",
                columns: new[] { "PatientId", "ResponseId" });

            migrationBuilder.CreateIndex(
                name: "IX_SafetyAlerts_AcknowledgedAt_EscalatedAt_EscalateAt",
                table: "SafetyAlerts",
                columns: new[] { "AcknowledgedAt", "EscalatedAt", "EscalateAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SafetyAlerts_AssignedTherapistId_AcknowledgedAt",
                table: "SafetyAlerts",
                columns: new[] { "AssignedTherapistId", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SafetyAlerts_PatientId",
                table: "SafetyAlerts",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_SafetyAlerts_ResponseId",
                table: "SafetyAlerts",
                column: "ResponseId");

            migrationBuilder.CreateIndex(
                name: "IX_SafetyPlanVersions_PatientId_Version",
                table: "SafetyPlanVersions",
                columns: new[] { "PatientId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Consents");

            migrationBuilder.DropTable(
                name: "CrisisResources");

            migrationBuilder.DropTable(
                name: "InstrumentLicences");

            migrationBuilder.DropTable(
                name: "Intakes");

            migrationBuilder.DropTable(
                name: "LifeEvents");

            migrationBuilder.DropTable(
                name: "MeasurementPlans");

            migrationBuilder.DropTable(
                name: "MeasureRequests");

            migrationBuilder.DropTable(
                name: "SafetyAlerts");

            migrationBuilder.DropTable(
                name: "SafetyPlanVersions");

            migrationBuilder.DropTable(
                name: "AssessmentResponses");
        }
    }
}
