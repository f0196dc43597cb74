-- The audit log is append-only (src/Rapport.Web/Features/Audit/readme.md): whichever client connects, the database
-- itself refuses to change or delete an entry or a sealed block. EF cannot express triggers.
CREATE TRIGGER AuditEvents_NoUpdate BEFORE UPDATE ON AuditEvents BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
CREATE TRIGGER AuditEvents_NoDelete BEFORE DELETE ON AuditEvents BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
CREATE TRIGGER AuditBlocks_NoUpdate BEFORE UPDATE ON AuditBlocks BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
CREATE TRIGGER AuditBlocks_NoDelete BEFORE DELETE ON AuditBlocks BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
