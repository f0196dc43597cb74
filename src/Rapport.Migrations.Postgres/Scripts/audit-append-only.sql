-- The audit log is append-only (src/Rapport.Web/Features/Audit/readme.md): whichever client connects, the database
-- itself refuses to change, delete or truncate an entry or a sealed block. EF cannot express triggers.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only.';
END $$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON "AuditEvents"
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "AuditEvents"
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_blocks_no_change BEFORE UPDATE OR DELETE ON "AuditBlocks"
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_blocks_no_truncate BEFORE TRUNCATE ON "AuditBlocks"
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
