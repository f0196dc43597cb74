-- No double booking, enforced by the database (src/Rapport.Web/Features/Booking/readme.md): a booked appointment
-- (Status 0) may not overlap another booked appointment of the same therapist, even when two app instances book the
-- same slot at once. SQLite has no exclusion constraint; these triggers are its equivalent.
CREATE TRIGGER Appointments_NoOverlap_Insert BEFORE INSERT ON Appointments
WHEN NEW.Status = 0 AND EXISTS (SELECT 1 FROM Appointments a WHERE a.TherapistId = NEW.TherapistId AND a.Status = 0
    AND a.StartUtc < NEW.BlockedUntilUtc AND NEW.StartUtc < a.BlockedUntilUtc)
BEGIN SELECT RAISE(ABORT, 'appointment_overlap'); END;
CREATE TRIGGER Appointments_NoOverlap_Update BEFORE UPDATE OF StartUtc, BlockedUntilUtc, Status, TherapistId ON Appointments
WHEN NEW.Status = 0 AND EXISTS (SELECT 1 FROM Appointments a WHERE a.Id <> NEW.Id AND a.TherapistId = NEW.TherapistId AND a.Status = 0
    AND a.StartUtc < NEW.BlockedUntilUtc AND NEW.StartUtc < a.BlockedUntilUtc)
BEGIN SELECT RAISE(ABORT, 'appointment_overlap'); END;
