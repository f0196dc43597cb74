using Microsoft.EntityFrameworkCore.Migrations;

namespace Rapport.Web.Data.Migrations;

/// <summary>
/// Data for the escalation ladder's migration, the same on both databases (kept apart from the generated files so the
/// migration can be regenerated): an alert acknowledged before the ladder existed was acknowledged with a note of what
/// was done, which then closed it; it stays closed, with that note as its record.
/// </summary>
internal static class SafetyLadderSql
{
    public static void CloseAcknowledgedAlerts(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""UPDATE "SafetyAlerts" SET "ClosedAt" = "AcknowledgedAt", "ClosedById" = "AcknowledgedById" WHERE "AcknowledgedAt" IS NOT NULL;""");
}
