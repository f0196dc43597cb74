namespace Rapport.Web.Data.Migrations;

/// <summary>
/// Moving the audit log from one hash chain of rows to signed Merkle blocks. The old table is kept, renamed and still
/// append-only, as the record it was; its rows are copied into the inbox in their order, so the appender seals them
/// into the first blocks the first time the app starts with a signing key.
/// </summary>
internal static class AuditBlocksSql
{
    private const string CopyLegacyRows = """
        INSERT INTO "AuditInbox" ("OccurredAt", "Action", "Outcome", "UserId", "PatientId", "Subject", "IpAddress", "Detail")
        SELECT "OccurredAt", "Action", "Outcome", "UserId", "PatientId", "Subject", "IpAddress", "Detail"
        FROM "AuditEventsBeforeBlocks" ORDER BY "Sequence";
        """;

    public const string PostgresSetAsideLegacy = """
        DROP INDEX "IX_AuditEvents_OccurredAt";
        DROP INDEX "IX_AuditEvents_Action_OccurredAt";
        DROP INDEX "IX_AuditEvents_UserId";
        ALTER TABLE "AuditEvents" RENAME CONSTRAINT "PK_AuditEvents" TO "PK_AuditEventsBeforeBlocks";
        ALTER TABLE "AuditEvents" RENAME TO "AuditEventsBeforeBlocks";
        """;

    public const string PostgresProtectAndCopy = CopyLegacyRows + """
        CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON "AuditEvents"
            FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
        CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "AuditEvents"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
        CREATE TRIGGER audit_blocks_no_change BEFORE UPDATE OR DELETE ON "AuditBlocks"
            FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
        CREATE TRIGGER audit_blocks_no_truncate BEFORE TRUNCATE ON "AuditBlocks"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
        """;

    // SQLite trigger names are global, so the old table's triggers are recreated under its new name.
    public const string SqliteSetAsideLegacy = """
        DROP INDEX "IX_AuditEvents_OccurredAt";
        DROP INDEX "IX_AuditEvents_Action_OccurredAt";
        DROP INDEX "IX_AuditEvents_UserId";
        DROP TRIGGER AuditEvents_NoUpdate;
        DROP TRIGGER AuditEvents_NoDelete;
        ALTER TABLE "AuditEvents" RENAME TO "AuditEventsBeforeBlocks";
        CREATE TRIGGER AuditEventsBeforeBlocks_NoUpdate BEFORE UPDATE ON AuditEventsBeforeBlocks BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
        CREATE TRIGGER AuditEventsBeforeBlocks_NoDelete BEFORE DELETE ON AuditEventsBeforeBlocks BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
        """;

    public const string SqliteProtectAndCopy = CopyLegacyRows + """
        CREATE TRIGGER AuditEvents_NoUpdate BEFORE UPDATE ON AuditEvents BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
        CREATE TRIGGER AuditEvents_NoDelete BEFORE DELETE ON AuditEvents BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
        CREATE TRIGGER AuditBlocks_NoUpdate BEFORE UPDATE ON AuditBlocks BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
        CREATE TRIGGER AuditBlocks_NoDelete BEFORE DELETE ON AuditBlocks BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
        """;
}
