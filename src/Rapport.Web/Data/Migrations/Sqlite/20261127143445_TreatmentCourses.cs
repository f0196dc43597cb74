using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TreatmentCourses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TreatmentCourses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TherapistId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PreviousCourseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PhaseSince = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", nullable: true),
                    TransferredToTherapistId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContractInForceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContractVersionInForce = table.Column<int>(type: "INTEGER", nullable: true),
                    ContractedSessions = table.Column<int>(type: "INTEGER", nullable: true),
                    SessionIntervalDays = table.Column<int>(type: "INTEGER", nullable: true),
                    PlannedEndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NoShowsCount = table.Column<bool>(type: "INTEGER", nullable: false),
                    LateCancellationsCount = table.Column<bool>(type: "INTEGER", nullable: false),
                    BookedSeriesId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AgreedFormulationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TerminationReviewId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MaintenancePlanId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TreatmentCourses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TreatmentCourses_AspNetUsers_PatientId",
                        column: x => x.PatientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TreatmentCourses_AspNetUsers_TherapistId",
                        column: x => x.TherapistId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CourseSession",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CountsTowardContract = table.Column<bool>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: true),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CourseSession", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CourseSession_TreatmentCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TreatmentCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DecisionAnalyses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionNoteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Problem = table.Column<string>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionAnalyses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DecisionAnalyses_TreatmentCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TreatmentCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FidelityReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TherapistId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InventoryDone = table.Column<bool>(type: "INTEGER", nullable: false),
                    FormulationDone = table.Column<bool>(type: "INTEGER", nullable: false),
                    ContractDone = table.Column<bool>(type: "INTEGER", nullable: false),
                    FocusKept = table.Column<bool>(type: "INTEGER", nullable: false),
                    MoodLinkedToEventsEachSession = table.Column<bool>(type: "INTEGER", nullable: false),
                    TerminationDiscussed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FidelityReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FidelityReviews_AspNetUsers_ReviewerId",
                        column: x => x.ReviewerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FidelityReviews_TreatmentCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TreatmentCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Formulations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PrimaryArea = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PrimaryStage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    SecondaryArea = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    SecondaryStage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    TriggerEvent = table.Column<string>(type: "TEXT", nullable: true),
                    TriggerDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    WordingForPatient = table.Column<string>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    AgreedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AgreedVia = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    AgreementRecordedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    LastAgreedRevision = table.Column<int>(type: "INTEGER", nullable: true),
                    WrittenById = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    LinkedPersonIds = table.Column<string>(type: "TEXT", nullable: false),
                    Goals = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Formulations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Formulations_TreatmentCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TreatmentCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InterpersonalInventories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterpersonalInventories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InterpersonalInventories_TreatmentCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TreatmentCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MaintenancePlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LengthMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndOfAcutePhq9 = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MaintenancePlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MaintenancePlans_TreatmentCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TreatmentCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PhaseChange",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PhaseChange", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PhaseChange_TreatmentCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TreatmentCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RelapseAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TherapistId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Phq9 = table.Column<int>(type: "INTEGER", nullable: false),
                    EndOfAcutePhq9 = table.Column<int>(type: "INTEGER", nullable: true),
                    RoseByFiveOrMore = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReachedTen = table.Column<bool>(type: "INTEGER", nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ActionTaken = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RelapseAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RelapseAlerts_AssessmentResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "AssessmentResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RelapseAlerts_TreatmentCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TreatmentCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SessionNotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TherapistId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SessionNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    SessionsRemaining = table.Column<int>(type: "INTEGER", nullable: true),
                    MoodSinceLastTime = table.Column<string>(type: "TEXT", nullable: true),
                    InterpersonalEvents = table.Column<string>(type: "TEXT", nullable: true),
                    ProblemAreaWork = table.Column<string>(type: "TEXT", nullable: true),
                    PhaseWork = table.Column<string>(type: "TEXT", nullable: true),
                    CaWhatWasSaid = table.Column<string>(type: "TEXT", nullable: true),
                    CaWhatWasMeant = table.Column<string>(type: "TEXT", nullable: true),
                    CaFeelings = table.Column<string>(type: "TEXT", nullable: true),
                    CaAlternatives = table.Column<string>(type: "TEXT", nullable: true),
                    BetweenSessionTask = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Techniques = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionNotes_Appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "Appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SessionNotes_TreatmentCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TreatmentCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TerminationReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GainsInOwnWords = table.Column<string>(type: "TEXT", nullable: true),
                    EmergencyContact = table.Column<string>(type: "TEXT", nullable: true),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecisionNote = table.Column<string>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TerminationReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TerminationReviews_TreatmentCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TreatmentCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TreatmentContracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TherapistId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    AmendmentReason = table.Column<string>(type: "TEXT", nullable: true),
                    FormulationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FormulationRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FirstSessionAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RolesPatient = table.Column<string>(type: "TEXT", nullable: false),
                    RolesTherapist = table.Column<string>(type: "TEXT", nullable: false),
                    NoShowsCount = table.Column<bool>(type: "INTEGER", nullable: false),
                    LateCancellationsCount = table.Column<bool>(type: "INTEGER", nullable: false),
                    NoticeHours = table.Column<int>(type: "INTEGER", nullable: false),
                    Lateness = table.Column<string>(type: "TEXT", nullable: false),
                    Illness = table.Column<string>(type: "TEXT", nullable: false),
                    Holidays = table.Column<string>(type: "TEXT", nullable: false),
                    TherapistAbsence = table.Column<string>(type: "TEXT", nullable: false),
                    ContactBetweenSessions = table.Column<string>(type: "TEXT", nullable: false),
                    Confidentiality = table.Column<string>(type: "TEXT", nullable: false),
                    Recording = table.Column<string>(type: "TEXT", nullable: false),
                    JointSessions = table.Column<string>(type: "TEXT", nullable: false),
                    CrisisContacts = table.Column<string>(type: "TEXT", nullable: false),
                    SafetyPlanText = table.Column<string>(type: "TEXT", nullable: false),
                    WhenRiskRises = table.Column<string>(type: "TEXT", nullable: false),
                    PatientSignedName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PatientSignedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TherapistSignedName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TherapistSignedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Foci = table.Column<string>(type: "TEXT", nullable: false),
                    Goals = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TreatmentContracts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TreatmentContracts_TreatmentCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TreatmentCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DecisionOption",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Pros = table.Column<string>(type: "TEXT", nullable: true),
                    Cons = table.Column<string>(type: "TEXT", nullable: true),
                    DecisionId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionOption", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DecisionOption_DecisionAnalyses_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "DecisionAnalyses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DecisionTry",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    OptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Plan = table.Column<string>(type: "TEXT", nullable: false),
                    PlannedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Tried = table.Column<bool>(type: "INTEGER", nullable: true),
                    WhatHappened = table.Column<string>(type: "TEXT", nullable: true),
                    HowItFelt = table.Column<string>(type: "TEXT", nullable: true),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Adjustment = table.Column<string>(type: "TEXT", nullable: true),
                    AdjustedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionTry", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DecisionTry_DecisionAnalyses_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "DecisionAnalyses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InventoryPerson",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", nullable: false),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TimeTogether = table.Column<string>(type: "TEXT", nullable: true),
                    ClosenessRing = table.Column<int>(type: "INTEGER", nullable: false),
                    CanTalkAbout = table.Column<string>(type: "TEXT", nullable: true),
                    CannotTalkAbout = table.Column<string>(type: "TEXT", nullable: true),
                    SatisfyingAspects = table.Column<string>(type: "TEXT", nullable: true),
                    UnsatisfyingAspects = table.Column<string>(type: "TEXT", nullable: true),
                    PatientExpects = table.Column<string>(type: "TEXT", nullable: true),
                    TheyExpect = table.Column<string>(type: "TEXT", nullable: true),
                    ExpectationsMet = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DesiredChange = table.Column<string>(type: "TEXT", nullable: true),
                    LinkToEpisode = table.Column<string>(type: "TEXT", nullable: true),
                    KnowsAboutDepression = table.Column<bool>(type: "INTEGER", nullable: true),
                    RelatedProblemArea = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    InventoryId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InventoryPerson", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InventoryPerson_InterpersonalInventories_InventoryId",
                        column: x => x.InventoryId,
                        principalTable: "InterpersonalInventories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NoteAmendment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    NoteId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteAmendment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoteAmendment_SessionNotes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "SessionNotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TerminationReviewAnticipatedProblems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Problem = table.Column<string>(type: "TEXT", nullable: false),
                    Plan = table.Column<string>(type: "TEXT", nullable: false),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TerminationReviewAnticipatedProblems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TerminationReviewAnticipatedProblems_TerminationReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "TerminationReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TerminationReviewScores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Baseline = table.Column<int>(type: "INTEGER", nullable: false),
                    Current = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TerminationReviewScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TerminationReviewScores_TerminationReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "TerminationReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TerminationReviewWarningSigns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sign = table.Column<string>(type: "TEXT", nullable: false),
                    WhatToDo = table.Column<string>(type: "TEXT", nullable: false),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TerminationReviewWarningSigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TerminationReviewWarningSigns_TerminationReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "TerminationReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CourseSession_CourseId_AppointmentId",
                table: "CourseSession",
                columns: new[] { "CourseId", "AppointmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DecisionAnalyses_CourseId_OpenedAt",
                table: "DecisionAnalyses",
                columns: new[] { "CourseId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DecisionOption_DecisionId",
                table: "DecisionOption",
                column: "DecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionTry_DecisionId",
                table: "DecisionTry",
                column: "DecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_FidelityReviews_CourseId_At",
                table: "FidelityReviews",
                columns: new[] { "CourseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_FidelityReviews_ReviewerId",
                table: "FidelityReviews",
                column: "ReviewerId");

            migrationBuilder.CreateIndex(
                name: "IX_Formulations_CourseId",
                table: "Formulations",
                column: "CourseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InterpersonalInventories_CourseId",
                table: "InterpersonalInventories",
                column: "CourseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InventoryPerson_InventoryId",
                table: "InventoryPerson",
                column: "InventoryId");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenancePlans_CourseId",
                table: "MaintenancePlans",
                column: "CourseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NoteAmendment_NoteId",
                table: "NoteAmendment",
                column: "NoteId");

            migrationBuilder.CreateIndex(
                name: "IX_PhaseChange_CourseId",
                table: "PhaseChange",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_RelapseAlerts_CourseId_AcknowledgedAt",
                table: "RelapseAlerts",
                columns: new[] { "CourseId", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RelapseAlerts_ResponseId",
                table: "RelapseAlerts",
                column: "ResponseId");

            migrationBuilder.CreateIndex(
                name: "IX_RelapseAlerts_TherapistId_AcknowledgedAt",
                table: "RelapseAlerts",
                columns: new[] { "TherapistId", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionNotes_AppointmentId",
                table: "SessionNotes",
                column: "AppointmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionNotes_CourseId_CreatedAt",
                table: "SessionNotes",
                columns: new[] { "CourseId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TerminationReviewAnticipatedProblems_ReviewId",
                table: "TerminationReviewAnticipatedProblems",
                column: "ReviewId");

            migrationBuilder.CreateIndex(
                name: "IX_TerminationReviews_CourseId",
                table: "TerminationReviews",
                column: "CourseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TerminationReviewScores_ReviewId",
                table: "TerminationReviewScores",
                column: "ReviewId");

            migrationBuilder.CreateIndex(
                name: "IX_TerminationReviewWarningSigns_ReviewId",
                table: "TerminationReviewWarningSigns",
                column: "ReviewId");

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentContracts_CourseId_Version",
                table: "TreatmentContracts",
                columns: new[] { "CourseId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentCourses_PatientId",
                table: "TreatmentCourses",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentCourses_TherapistId_Phase",
                table: "TreatmentCourses",
                columns: new[] { "TherapistId", "Phase" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CourseSession");

            migrationBuilder.DropTable(
                name: "DecisionOption");

            migrationBuilder.DropTable(
                name: "DecisionTry");

            migrationBuilder.DropTable(
                name: "FidelityReviews");

            migrationBuilder.DropTable(
                name: "Formulations");

            migrationBuilder.DropTable(
                name: "InventoryPerson");

            migrationBuilder.DropTable(
                name: "MaintenancePlans");

            migrationBuilder.DropTable(
                name: "NoteAmendment");

            migrationBuilder.DropTable(
                name: "PhaseChange");

            migrationBuilder.DropTable(
                name: "RelapseAlerts");

            migrationBuilder.DropTable(
                name: "TerminationReviewAnticipatedProblems");

            migrationBuilder.DropTable(
                name: "TerminationReviewScores");

            migrationBuilder.DropTable(
                name: "TerminationReviewWarningSigns");

            migrationBuilder.DropTable(
                name: "TreatmentContracts");

            migrationBuilder.DropTable(
                name: "DecisionAnalyses");

            migrationBuilder.DropTable(
                name: "InterpersonalInventories");

            migrationBuilder.DropTable(
                name: "SessionNotes");

            migrationBuilder.DropTable(
                name: "TerminationReviews");

            migrationBuilder.DropTable(
                name: "TreatmentCourses");
        }
    }
}
