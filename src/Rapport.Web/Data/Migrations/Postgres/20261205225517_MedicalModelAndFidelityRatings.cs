using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MedicalModelAndFidelityRatings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DiagnosedAt",
                table: "TreatmentCourses",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DiagnosisCode",
                table: "TreatmentCourses",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DiagnosisText",
                table: "TreatmentCourses",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Medication",
                table: "TreatmentCourses",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MedicationDecidedAt",
                table: "TreatmentCourses",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MedicationNote",
                table: "TreatmentCourses",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SickRoleGivenOn",
                table: "TreatmentCourses",
                type: "date",
                nullable: true);

            // The yes/no checklist becomes ratings 0-2 (TreatmentCourses readme, rule 33): a yes is 2 (fully done) and a no is
            // 0 (absent) for the six tasks that correspond; the six new tasks stay unrated. "FocusKept" keeps its name with a
            // new type, so the old column is renamed first.
            migrationBuilder.RenameColumn(
                name: "FocusKept",
                table: "FidelityReviews",
                newName: "FocusKeptDone");

            migrationBuilder.AddColumn<int>(
                name: "InterpersonalInventory",
                table: "FidelityReviews",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FormulationShared",
                table: "FidelityReviews",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ContractAgreed",
                table: "FidelityReviews",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SickRoleGiven",
                table: "FidelityReviews",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FocusKept",
                table: "FidelityReviews",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MoodLinkedToEvents",
                table: "FidelityReviews",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TechniquesSuitTheArea",
                table: "FidelityReviews",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BetweenSessionWorkReviewed",
                table: "FidelityReviews",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProgressReviewed",
                table: "FidelityReviews",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FeelingsAboutEndingDiscussed",
                table: "FidelityReviews",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WarningSignsNamed",
                table: "FidelityReviews",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FuturePlanned",
                table: "FidelityReviews",
                type: "integer",
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE "FidelityReviews" SET
                    "InterpersonalInventory" = CASE WHEN "InventoryDone" THEN 2 ELSE 0 END,
                    "FormulationShared" = CASE WHEN "FormulationDone" THEN 2 ELSE 0 END,
                    "ContractAgreed" = CASE WHEN "ContractDone" THEN 2 ELSE 0 END,
                    "FocusKept" = CASE WHEN "FocusKeptDone" THEN 2 ELSE 0 END,
                    "MoodLinkedToEvents" = CASE WHEN "MoodLinkedToEventsEachSession" THEN 2 ELSE 0 END,
                    "FeelingsAboutEndingDiscussed" = CASE WHEN "TerminationDiscussed" THEN 2 ELSE 0 END;
                """);

            migrationBuilder.DropColumn(
                name: "InventoryDone",
                table: "FidelityReviews");

            migrationBuilder.DropColumn(
                name: "FormulationDone",
                table: "FidelityReviews");

            migrationBuilder.DropColumn(
                name: "ContractDone",
                table: "FidelityReviews");

            migrationBuilder.DropColumn(
                name: "FocusKeptDone",
                table: "FidelityReviews");

            migrationBuilder.DropColumn(
                name: "MoodLinkedToEventsEachSession",
                table: "FidelityReviews");

            migrationBuilder.DropColumn(
                name: "TerminationDiscussed",
                table: "FidelityReviews");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DiagnosedAt",
                table: "TreatmentCourses");

            migrationBuilder.DropColumn(
                name: "DiagnosisCode",
                table: "TreatmentCourses");

            migrationBuilder.DropColumn(
                name: "DiagnosisText",
                table: "TreatmentCourses");

            migrationBuilder.DropColumn(
                name: "Medication",
                table: "TreatmentCourses");

            migrationBuilder.DropColumn(
                name: "MedicationDecidedAt",
                table: "TreatmentCourses");

            migrationBuilder.DropColumn(
                name: "MedicationNote",
                table: "TreatmentCourses");

            migrationBuilder.DropColumn(
                name: "SickRoleGivenOn",
                table: "TreatmentCourses");

            // Back to yes/no: only a 2 (fully done) was a yes; ratings of the six tasks with no old question are lost.
            migrationBuilder.RenameColumn(
                name: "FocusKept",
                table: "FidelityReviews",
                newName: "FocusKeptRating");

            migrationBuilder.AddColumn<bool>(
                name: "InventoryDone",
                table: "FidelityReviews",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "FormulationDone",
                table: "FidelityReviews",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ContractDone",
                table: "FidelityReviews",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "FocusKept",
                table: "FidelityReviews",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "MoodLinkedToEventsEachSession",
                table: "FidelityReviews",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "TerminationDiscussed",
                table: "FidelityReviews",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql("""
                UPDATE "FidelityReviews" SET
                    "InventoryDone" = COALESCE("InterpersonalInventory", 0) = 2,
                    "FormulationDone" = COALESCE("FormulationShared", 0) = 2,
                    "ContractDone" = COALESCE("ContractAgreed", 0) = 2,
                    "FocusKept" = COALESCE("FocusKeptRating", 0) = 2,
                    "MoodLinkedToEventsEachSession" = COALESCE("MoodLinkedToEvents", 0) = 2,
                    "TerminationDiscussed" = COALESCE("FeelingsAboutEndingDiscussed", 0) = 2;
                """);

            migrationBuilder.DropColumn(
                name: "InterpersonalInventory",
                table: "FidelityReviews");

            migrationBuilder.DropColumn(
                name: "FormulationShared",
                table: "FidelityReviews");

            migrationBuilder.DropColumn(
                name: "ContractAgreed",
                table: "FidelityReviews");

            migrationBuilder.DropColumn(
                name: "SickRoleGiven",
                table: "FidelityReviews");

            migrationBuilder.DropColumn(
                name: "FocusKeptRating",
                table: "FidelityReviews");

            migrationBuilder.DropColumn(
                name: "MoodLinkedToEvents",
                table: "FidelityReviews");

            migrationBuilder.DropColumn(
                name: "TechniquesSuitTheArea",
                table: "FidelityReviews");

            migrationBuilder.DropColumn(
                name: "BetweenSessionWorkReviewed",
                table: "FidelityReviews");

            migrationBuilder.DropColumn(
                name: "ProgressReviewed",
                table: "FidelityReviews");

            migrationBuilder.DropColumn(
                name: "FeelingsAboutEndingDiscussed",
                table: "FidelityReviews");

            migrationBuilder.DropColumn(
                name: "WarningSignsNamed",
                table: "FidelityReviews");

            migrationBuilder.DropColumn(
                name: "FuturePlanned",
                table: "FidelityReviews");
        }
    }
}
