using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MaintenanceWithoutRemission : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LastPhq9",
                table: "MaintenancePlans",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotRemittedReason",
                table: "MaintenancePlans",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastPhq9",
                table: "MaintenancePlans");

            migrationBuilder.DropColumn(
                name: "NotRemittedReason",
                table: "MaintenancePlans");
        }
    }
}
