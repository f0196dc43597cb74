-- 1,000 listed therapists with weekday hours and 90 days of bookings each (3 a weekday), for the directory
-- load test in docs/performance.md. Run after the app has migrated an empty PostgreSQL database.
INSERT INTO "AspNetUsers" ("Id","UserName","NormalizedUserName","Email","NormalizedEmail","EmailConfirmed","SecurityStamp","ConcurrencyStamp",
  "PhoneNumberConfirmed","TwoFactorEnabled","LockoutEnabled","AccessFailedCount","DisplayName","TimeZoneId","PreferredLanguage","CountryCode","CreatedAt")
SELECT md5('t' || g)::uuid, 'bench' || g || '@example.com', upper('bench' || g || '@example.com'), 'bench' || g || '@example.com',
  upper('bench' || g || '@example.com'), true, md5('s' || g), md5('c' || g), false, true, true, 0, 'Bench Therapist ' || lpad(g::text, 4, '0'),
  (ARRAY['Europe/Berlin','America/New_York','Australia/Sydney','Asia/Kolkata','UTC'])[1 + g % 5], 'en', 'DE', now()
FROM generate_series(1, 1000) g;

INSERT INTO "AspNetUsers" ("Id","UserName","NormalizedUserName","Email","NormalizedEmail","EmailConfirmed","SecurityStamp","ConcurrencyStamp",
  "PhoneNumberConfirmed","TwoFactorEnabled","LockoutEnabled","AccessFailedCount","DisplayName","TimeZoneId","PreferredLanguage","CountryCode","CreatedAt")
VALUES (md5('patient')::uuid, 'benchpatient@example.com', 'BENCHPATIENT@EXAMPLE.COM', 'benchpatient@example.com', 'BENCHPATIENT@EXAMPLE.COM',
  true, 'x', 'y', false, false, true, 0, 'Bench Patient', 'UTC', 'en', 'DE', now());

INSERT INTO "AspNetUserRoles" ("UserId","RoleId")
SELECT md5('t' || g)::uuid, '0b7f3f3e-5a52-4c1c-9a57-1f6f9c3d0002' FROM generate_series(1, 1000) g;

INSERT INTO "TherapistProfiles" ("UserId","Bio","Languages","Specialties","Countries","Training","AcceptingNewPatients","Status","ApprovedAt")
SELECT md5('t' || g)::uuid, 'IPT therapist.', CASE WHEN g % 3 = 0 THEN 'en,es' ELSE 'en' END,
  CASE WHEN g % 2 = 0 THEN 'depression,perinatal' ELSE 'depression' END, 'DE', 'Certified', true, 'Approved', now()
FROM generate_series(1, 1000) g;

INSERT INTO "BookingPolicies" ("TherapistId","SessionMinutes","BufferMinutes","MinimumNoticeHours","HorizonDays","CancellationNoticeHours")
SELECT md5('t' || g)::uuid, 50, 10, 12, 120, 24 FROM generate_series(1, 1000) g;

INSERT INTO "AvailabilityWindows" ("Id","TherapistId","Day","Start","End")
SELECT gen_random_uuid(), md5('t' || g)::uuid, d, w.s, w.e
FROM generate_series(1, 1000) g, generate_series(1, 5) d, (VALUES (time '09:00', time '12:00'), (time '14:00', time '17:00')) w(s, e);

-- Three bookings each weekday for 90 days, at 09:00, 10:00 and 14:00 UTC (whatever the zone: they only need to not overlap).
INSERT INTO "Appointments" ("Id","TherapistId","PatientId","StartUtc","EndUtc","BlockedUntilUtc","Status","Kind","CreatedAt","Version")
SELECT gen_random_uuid(), md5('t' || g)::uuid, md5('patient')::uuid, day + h * interval '1 hour', day + h * interval '1 hour' + interval '50 minutes',
  day + h * interval '1 hour' + interval '60 minutes', 0, 'Session', now(), 0
FROM generate_series(1, 1000) g,
     generate_series(date_trunc('day', now()) , date_trunc('day', now()) + interval '89 days', interval '1 day') day,
     (VALUES (9), (10), (14)) hours(h)
WHERE extract(isodow FROM day) < 6;
ANALYZE;
