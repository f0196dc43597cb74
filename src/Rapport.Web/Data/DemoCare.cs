using Microsoft.EntityFrameworkCore;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Data;

/// <summary>
/// Development only: the demo clinic's care relationships (Features/CareRelationships/readme.md), written through the
/// entities' own methods with past dates so every state is on screen at first start:
/// <list type="bullet">
/// <item>Alex, Nadia and Liam are <c>Accepted</c> with their course therapists, confirmed the day of their first conversation;</item>
/// <item>Priya Raman covers for Fatima Al-Sayed with Nadia for two weeks from yesterday (Fatima keeps the session
/// already booked; Priya reads Nadia's record and answers her alerts meanwhile);</item>
/// <item>Ana Souza was in Mariana Costa's care for a short course and was discharged three weeks ago;</item>
/// <item>Arjun Mehta was declined by Dr Kenji Watanabe, who suggested Priya Raman, and has his first conversation with
/// her in a few days (an open enquiry: she sees his name and what brings him, nothing else);</item>
/// <item>Dr Amina Okafor supervises Fatima Al-Sayed and Dr Tom Whitfield, so she reads Nadia's and Liam's courses at
/// /therapist/supervision (not Sarah: the browser tests' live calls pair Amina with Alex, and a supervisor of Alex's
/// therapist would see his course beside those calls);</item>
/// <item>a clinical-lead rota of two-week periods from last week to five weeks ahead.</item>
/// </list>
/// Each patient's relationships are written once (a patient with any relationship already has their story), the rest
/// once per database (a supervision or a rota already there is left alone).
/// </summary>
internal static class DemoCare
{
    private static readonly TimeSpan Session = TimeSpan.FromMinutes(50);
    private static readonly TimeSpan Buffer = TimeSpan.FromMinutes(10);

    public static async Task SeedAsync(AppDbContext db, DateTimeOffset now, ILogger log, CancellationToken ct)
    {
        var people = await db.Users.AsNoTracking().Where(u => u.Email!.EndsWith("@" + DemoClinic.Domain))
            .ToDictionaryAsync(u => u.Email![..u.Email!.IndexOf('@')], u => u.Id, ct);
        Guid? Id(string local) => people.TryGetValue(local, out var id) ? id : null;

        foreach (var (patient, therapist) in new[] { ("alex.rivera", "sarah.oconnell"), ("nadia.haddad", "fatima.alsayed"), ("liam.byrne", "tom.whitfield") })
        {
            if (Id(patient) is { } p && Id(therapist) is { } t && await HasNoStoryAsync(db, p, ct)
                && await AcceptedAfterFirstConversationAsync(db, p, t, ct) is { } relationship)
            {
                if (patient == "nadia.haddad" && Id("priya.raman") is { } priya)
                {
                    // Fatima arranged it three days ago; from yesterday, two weeks: Priya reads Nadia's record and answers her alerts.
                    var from = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);
                    db.CoverPeriods.Add(CoverPeriod.Arrange(relationship, priya, from, from.AddDays(14), t, now.AddDays(-3)));
                }
                await db.SaveChangesAsync(ct);
                log.LogInformation("Seeded the demo care relationship of {Patient}.", patient);
            }
        }

        if (Id("ana.souza") is { } ana && Id("mariana.costa") is { } mariana && await HasNoStoryAsync(db, ana, ct))
        {
            Discharged(db, ana, mariana, now);
            await db.SaveChangesAsync(ct);
            log.LogInformation("Seeded the demo care relationship of {Patient}.", "ana.souza");
        }

        if (Id("arjun.mehta") is { } arjun && Id("kenji.watanabe") is { } kenji && Id("priya.raman") is { } priyaRaman && await HasNoStoryAsync(db, arjun, ct))
        {
            DeclinedThenEnquiry(db, arjun, kenji, priyaRaman, now);
            await db.SaveChangesAsync(ct);
            log.LogInformation("Seeded the demo care relationships of {Patient}.", "arjun.mehta");
        }

        if (Id("admin") is { } admin && Id("amina.okafor") is { } amina && !await db.SupervisionAssignments.AnyAsync(ct))
        {
            foreach (var supervisee in new[] { "fatima.alsayed", "tom.whitfield" })
            {
                if (Id(supervisee) is { } s)
                {
                    db.SupervisionAssignments.Add(SupervisionAssignment.Assign(amina, s, admin, now.AddDays(-60)));
                }
            }
            await db.SaveChangesAsync(ct);
        }

        if (Id("admin") is { } planner && !await db.ClinicalLeadShifts.AnyAsync(ct))
        {
            // Two weeks each, handing over at 08:00 UTC on a Monday, planned by the admin ten days ago.
            var today = now.UtcDateTime.Date;
            var monday = new DateTimeOffset(today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7), TimeSpan.Zero).AddHours(8);
            var onDuty = new[] { "sarah.oconnell", "amina.okafor", "kenji.watanabe" };
            for (var i = 0; i < onDuty.Length; i++)
            {
                if (Id(onDuty[i]) is { } lead)
                {
                    db.ClinicalLeadShifts.Add(ClinicalLeadShift.Plan(lead, monday.AddDays(14 * i), monday.AddDays(14 * (i + 1)), planner, now.AddDays(-10)));
                }
            }
            await db.SaveChangesAsync(ct);
        }
    }

    private static async Task<bool> HasNoStoryAsync(AppDbContext db, Guid patientId, CancellationToken ct) =>
        !await db.CareRelationships.AnyAsync(r => r.PatientId == patientId, ct);

    /// <summary>
    /// The course patients: the enquiry opened when the first conversation (the demo's attended assessment) was booked,
    /// the therapist offered care an hour after it, and the patient confirmed that evening.
    /// </summary>
    private static async Task<CareRelationship?> AcceptedAfterFirstConversationAsync(AppDbContext db, Guid patientId, Guid therapistId, CancellationToken ct)
    {
        var first = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.TherapistId == therapistId && a.Kind == AppointmentKind.Assessment && a.Status == AppointmentStatus.Attended)
            .OrderBy(a => a.StartUtc).FirstOrDefaultAsync(ct);
        if (first is null)
        {
            return null;
        }
        var relationship = CareRelationship.OpenEnquiry(patientId, therapistId, first.StartUtc, first.CreatedAt);
        relationship.OfferCare(therapistId, first.StartUtc.AddHours(1));
        relationship.Confirm(patientId, consentsToSharing: true, first.StartUtc.AddHours(6));
        db.CareRelationships.Add(relationship);
        return relationship;
    }

    /// <summary>
    /// Ana Souza, low mood after her son's birth: a first conversation with Mariana Costa eleven weeks ago, eight
    /// weekly sessions, then discharged after the last one, three weeks ago (no maintenance; she can book again).
    /// </summary>
    private static void Discharged(AppDbContext db, Guid patientId, Guid therapistId, DateTimeOffset now)
    {
        // The eighth session three weeks ago, at 10:00 in São Paulo.
        var first = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-21 - 7 * 8).AddHours(13);
        var relationship = CareRelationship.OpenEnquiry(patientId, therapistId, first, first.AddDays(-6));
        for (var k = 0; k <= 8; k++)
        {
            var start = first.AddDays(7 * k);
            var appointment = Appointment.Book(therapistId, patientId, start, Session, Buffer,
                k == 0 ? AppointmentKind.Assessment : AppointmentKind.Session, k == 0 ? first.AddDays(-6) : first.AddHours(8));
            appointment.MarkAttended(start.AddMinutes(2));
            db.Appointments.Add(appointment);
        }
        relationship.OfferCare(therapistId, first.AddHours(1));
        relationship.Confirm(patientId, consentsToSharing: true, first.AddHours(3));
        relationship.Discharge(therapistId,
            "Completed eight sessions of IPT for low mood after the birth of her son (role transition); PHQ-9 from 16 to 4. " +
            "We agreed she needs no maintenance sessions; she knows she can book again at any time.",
            endingReviewId: null, first.AddDays(7 * 8).AddHours(2));
        db.CareRelationships.Add(relationship);
    }

    /// <summary>
    /// Arjun Mehta, low since losing his father: his first conversation with Dr Kenji Watanabe ten days ago; Kenji
    /// declined the next day and suggested Priya Raman (Hindi, his time zone), with whom Arjun then booked a first
    /// conversation in a few days. That booking is an open enquiry: Priya sees his name and "what brings you" only.
    /// </summary>
    private static void DeclinedThenEnquiry(AppDbContext db, Guid patientId, Guid kenjiId, Guid priyaId, DateTimeOffset now)
    {
        var intakeAt = now.AddDays(-13);
        db.Intakes.Add(Intake.Complete(patientId, new Intake.Details(
            "Since my father died in the spring I cannot sleep or concentrate at work, and I have stopped seeing my friends. " +
            "My wife says I am not myself.", DateOnly.FromDateTime(now.UtcDateTime.AddMonths(-6)), null, null,
            "Kavya Mehta", "Wife", "+91 80 5550 1234", "IN", "Bengaluru, Jayanagar"), intakeAt));
        foreach (var kind in Enum.GetValues<ConsentKind>())
        {
            db.Consents.Add(Consent.Give(patientId, kind, intakeAt));
        }

        var withKenji = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-10).AddHours(6);
        var conversation = Appointment.Book(kenjiId, patientId, withKenji, Session, Buffer, AppointmentKind.Assessment, intakeAt.AddHours(1));
        conversation.MarkAttended(withKenji.AddMinutes(1));
        db.Appointments.Add(conversation);
        var declined = CareRelationship.OpenEnquiry(patientId, kenjiId, withKenji, intakeAt.AddHours(1));
        declined.Decline(kenjiId,
            "Thank you for talking with me so openly about your father. IPT fits what you describe, and I think you would be best " +
            "helped by a colleague who works in your time zone and in Hindi, so weekly sessions are easy to keep. I suggest Priya " +
            "Raman; you can book a first conversation with her from her page. I wish you well.",
            priyaId, withKenji.AddDays(1));
        db.CareRelationships.Add(declined);

        var bookedAt = withKenji.AddDays(2);
        var withPriya = FirstConversationWithPriya(now);
        db.Appointments.Add(Appointment.Book(priyaId, patientId, withPriya, Session, Buffer, AppointmentKind.Assessment, bookedAt));
        db.CareRelationships.Add(CareRelationship.OpenEnquiry(patientId, priyaId, withPriya, bookedAt));
    }

    /// <summary>10:00 in Kolkata on the first weekday at least two days from now (inside Priya's demo hours).</summary>
    private static DateTimeOffset FirstConversationWithPriya(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var day = TimeZoneInfo.ConvertTime(now, zone).Date.AddDays(2);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }
        var local = day.AddHours(10);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
