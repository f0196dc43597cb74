-- No double booking, enforced by the database (src/Rapport.Web/Features/Booking/readme.md): two booked appointments
-- (Status 0) of one therapist may not overlap, even when two app instances book the same slot at once. EF cannot
-- express an exclusion constraint; btree_gist lets it compare the therapist's id with "=".
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE "Appointments" ADD CONSTRAINT appointments_no_overlap
    EXCLUDE USING gist ("TherapistId" WITH =, tstzrange("StartUtc", "BlockedUntilUtc", '[)') WITH &&)
    WHERE ("Status" = 0);
