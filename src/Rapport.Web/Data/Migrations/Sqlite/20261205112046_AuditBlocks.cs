using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Rapport.Web.Data.Migrations;

#nullable disable

namespace Rapport.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditBlocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AuditBlocksSql.SqliteSetAsideLegacy);

            migrationBuilder.CreateTable(
                name: "AuditEvents",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Block = table.Column<long>(type: "INTEGER", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEvents", x => x.Sequence);
                });

            migrationBuilder.CreateIndex(name: "IX_AuditEvents_OccurredAt", table: "AuditEvents", column: "OccurredAt");
            migrationBuilder.CreateIndex(name: "IX_AuditEvents_Action_OccurredAt", table: "AuditEvents", columns: new[] { "Action", "OccurredAt" });
            migrationBuilder.CreateIndex(name: "IX_AuditEvents_UserId", table: "AuditEvents", column: "UserId");
            migrationBuilder.CreateIndex(name: "IX_AuditEvents_PatientId", table: "AuditEvents", column: "PatientId");

            migrationBuilder.CreateTable(
                name: "AuditBlocks",
                columns: table => new
                {
                    Number = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    SealedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MerkleRoot = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PreviousHead = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Head = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditBlocks", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "AuditInbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditInbox", x => x.Id);
                });

            migrationBuilder.Sql(AuditBlocksSql.SqliteProtectAndCopy);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The blocks cannot be turned back into the old row chain; going back means restoring a backup.
            throw new NotSupportedException("The audit log cannot be migrated back to the row hash chain.");
        }
    }
}
