using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClinicalRisk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RiskRaised",
                table: "SessionNotes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "RiskSection",
                table: "SessionNotes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BaselinePhq9",
                table: "RelapseAlerts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "RelapseAlerts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PreviousPhq9",
                table: "RelapseAlerts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ReachedSevere",
                table: "RelapseAlerts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "RoseFromBaseline",
                table: "RelapseAlerts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "RoseFromPrevious",
                table: "RelapseAlerts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RiskRaised",
                table: "SessionNotes");

            migrationBuilder.DropColumn(
                name: "RiskSection",
                table: "SessionNotes");

            migrationBuilder.DropColumn(
                name: "BaselinePhq9",
                table: "RelapseAlerts");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "RelapseAlerts");

            migrationBuilder.DropColumn(
                name: "PreviousPhq9",
                table: "RelapseAlerts");

            migrationBuilder.DropColumn(
                name: "ReachedSevere",
                table: "RelapseAlerts");

            migrationBuilder.DropColumn(
                name: "RoseFromBaseline",
                table: "RelapseAlerts");

            migrationBuilder.DropColumn(
                name: "RoseFromPrevious",
                table: "RelapseAlerts");
        }
    }
}
