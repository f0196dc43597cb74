using Microsoft.EntityFrameworkCore;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Safety;

namespace Rapport.Web.Data;

/// <summary>
/// Development only: the demo patients' first two months of IPT, so the charts, the intake summary and the alert
/// history mean something on first start. Each story is written through the domain's own methods,
/// dated in the past, once per patient (a patient with an intake already has their story).
/// </summary>
internal static class DemoHistory
{
    private sealed record Event(LifeEventKind Kind, int MonthsAgo, string Description);

    private sealed record Story(
        string Patient,
        string Therapist,
        Intake.Details Intake,
        int LowMoodMonthsAgo,
        Event[] Events,
        int[] Phq9BeforeSession,
        int AlertBeforeSession,
        int? IncompleteBeforeSession,
        int[] Gad7,
        int[] Wsas,
        int HamD17,
        SafetyPlanVersion.Steps Plan,
        string AlertAction);

    private static readonly Story[] Stories =
    [
        new("alex.rivera", "sarah.oconnell",
            new Intake.Details(
                "Since we moved to Chicago and I lost my job in the spring I feel flat and cut off. I have stopped calling friends and my partner and I argue about small things.",
                null, "A few sessions with a college counsellor in 2015.", "Sertraline 50 mg since the summer, from my primary care doctor.",
                "Jordan Rivera", "Partner", "+1 312 555 0147", "US", "Chicago, Logan Square"),
            LowMoodMonthsAgo: 7,
            [
                new(LifeEventKind.Move, 9, "Moved from Austin to Chicago for my partner's job."),
                new(LifeEventKind.Other, 7, "Lost my job when the company closed its Chicago office."),
                new(LifeEventKind.Conflict, 5, "Arguments with my partner about money and who does what at home."),
            ],
            Phq9BeforeSession: [21, 20, 18, 16, 13, 11, 9, 7],
            AlertBeforeSession: 2,
            IncompleteBeforeSession: null,
            Gad7: [14, 11, 6],
            Wsas: [24, 18, 12],
            HamD17: 20,
            new SafetyPlanVersion.Steps(
                "Lying awake after midnight going over the job loss; skipping meals; not answering messages.",
                "Walk round the block with music; a hot shower; write three things I got done today.",
                "The coffee place on Milwaukee Avenue; the climbing gym; my neighbour Sam.",
                "Jordan (partner); my sister Maria, +1 512 555 0188.",
                "Sarah O'Connell through Rapport; 988 Suicide & Crisis Lifeline (call or text 988); 911 in an emergency.",
                "Jordan keeps the leftover pills; I keep only a week's supply at home.",
                "Jordan, and getting back to work I care about."),
            "Called Alex the same afternoon. Passive thoughts only, no plan or intent; protective factors reviewed. Wrote a safety plan together in session 2."),
        new("nadia.haddad", "fatima.alsayed",
            new Intake.Details(
                "My mother died last year and since then I cannot enjoy anything. I moved back to London to be near my brother but I hardly see anyone.",
                null, null, null,
                "Omar Haddad", "Brother", "+44 20 7946 0321", "GB", "London, Walthamstow"),
            LowMoodMonthsAgo: 12,
            [
                new(LifeEventKind.Death, 14, "My mother died after a long illness."),
                new(LifeEventKind.Move, 10, "Moved from Manchester to London, near my brother."),
            ],
            // Nine appointments, the assessment a week earlier than the others': an 8-session contract with a middle phase of four.
            Phq9BeforeSession: [22, 21, 20, 19, 17, 15, 12, 10, 8],
            AlertBeforeSession: 3,
            IncompleteBeforeSession: 5,
            Gad7: [16, 12, 9],
            Wsas: [28, 22, 15],
            HamD17: 22,
            new SafetyPlanVersion.Steps(
                "Staying in bed past noon; looking at old photos for hours; thinking nobody would notice if I were gone.",
                "Make mint tea and sit in the garden; listen to the Quran recitation my mother loved; a short walk to the marshes.",
                "My brother Omar's house; the library on Hoe Street; Friday prayers.",
                "Omar, +44 20 7946 0321; my friend Leila from Manchester.",
                "Fatima Al-Sayed through Rapport; Samaritans on 116 123; 999 in an emergency.",
                "Omar keeps my mother's old medicines; I asked the pharmacy for smaller packs.",
                "My niece and nephew, and keeping my mother's recipes alive."),
            "Spoke with Nadia by phone within the hour. Fleeting thoughts linked to grief, no plan or intent. Reviewed crisis numbers; safety plan started in session 3."),
    ];

    public static async Task SeedAsync(AppDbContext db, DateTimeOffset now, ILogger log, CancellationToken ct)
    {
        foreach (var story in Stories)
        {
            var patient = await db.Users.FirstOrDefaultAsync(u => u.Email == $"{story.Patient}@{DemoClinic.Domain}", ct);
            var therapist = await db.Users.FirstOrDefaultAsync(u => u.Email == $"{story.Therapist}@{DemoClinic.Domain}", ct);
            if (patient is null || therapist is null || await db.Intakes.AnyAsync(i => i.PatientId == patient.Id, ct))
            {
                continue;
            }
            Write(db, story, patient.Id, therapist.Id, now);
            // The next session, a week after the last one, unless the demo therapist's time is taken by then.
            var next = SessionStart(now, 9);
            if (!await db.Appointments.AnyAsync(a => a.TherapistId == therapist.Id && a.Status == AppointmentStatus.Booked
                && a.StartUtc < next.AddHours(1) && next < a.BlockedUntilUtc, ct))
            {
                db.Appointments.Add(Appointment.Book(therapist.Id, patient.Id, next, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(10), AppointmentKind.Session, now));
            }
            // One save, so one transaction: the story is there whole or not at all.
            await db.SaveChangesAsync(ct);
            log.LogInformation("Seeded the demo history of {Patient}.", story.Patient);
        }
    }

    /// <summary>Session k of 8 held weekly, the 8th three days ago, at 15:00 UTC.</summary>
    internal static DateTimeOffset SessionStart(DateTimeOffset now, int k)
    {
        var lastDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-3).AddHours(15);
        return lastDay.AddDays((k - 8) * 7);
    }

    private static void Write(AppDbContext db, Story story, Guid patientId, Guid therapistId, DateTimeOffset now)
    {
        var thisMonth = new DateOnly(now.Year, now.Month, 1);
        // Appointments first..8, weekly, the last three days ago; the first is the assessment (k = 1 for eight scores, 0 for nine).
        var first = 9 - story.Phq9BeforeSession.Length;
        // The intake and the baseline measures the day before the first session.
        var intakeAt = SessionStart(now, first).AddDays(-1).AddHours(3);
        db.Intakes.Add(Intake.Complete(patientId, story.Intake with { LowMoodSince = thisMonth.AddMonths(-story.LowMoodMonthsAgo) }, intakeAt));
        foreach (var e in story.Events)
        {
            db.LifeEvents.Add(LifeEvent.Record(patientId, e.Kind, thisMonth.AddMonths(-e.MonthsAgo), e.Description, patientId, intakeAt));
        }
        foreach (var kind in Enum.GetValues<ConsentKind>())
        {
            db.Consents.Add(Consent.Give(patientId, kind, intakeAt));
        }

        for (var k = first; k <= 8; k++)
        {
            var start = SessionStart(now, k);
            var appointment = Appointment.Book(therapistId, patientId, start, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(10),
                k == first ? AppointmentKind.Assessment : AppointmentKind.Session, start.AddDays(-7));
            appointment.MarkAttended(start.AddMinutes(5));
            db.Appointments.Add(appointment);

            // PHQ-9 the day before every session; GAD-7 and WSAS at the start and every 4th session (the default plan).
            var answeredAt = k == first ? intakeAt : start.AddDays(-1).AddHours(3);
            if (story.IncompleteBeforeSession == k)
            {
                // Started, then left: no total, shown as incomplete; answered in full the next morning.
                var partial = Answers(InstrumentCatalog.Phq9Instrument, story.Phq9BeforeSession[k - first], new() { [9] = 0 });
                partial[5] = partial[6] = partial[7] = null;
                Store(db, patientId, patientId, InstrumentCatalog.Phq9Instrument, partial, answeredAt.AddDays(-1));
            }
            var item9 = story.AlertBeforeSession == k ? 1 : 0;
            var phq9 = Store(db, patientId, patientId, InstrumentCatalog.Phq9Instrument,
                Answers(InstrumentCatalog.Phq9Instrument, story.Phq9BeforeSession[k - first], new() { [9] = item9 }), answeredAt);
            if (item9 > 0)
            {
                var (response, scored) = phq9;
                var alert = SafetyAlert.Raise(patientId, response, scored.CriticalAnswers.MaxBy(c => c.Level)!, therapistId, answeredAt, new SafetyOptions());
                alert.Close(therapistId, new RiskReview(ThoughtsFrequency.Fleeting, PlanState.NoPlan, IntentState.NoIntent, MeansAccess.NoAccess,
                    PastAttempts.None, "Their family, and wanting to see things through at work.", story.AlertAction,
                    RiskAction.CalledThePatient | RiskAction.BroughtTheSessionForward, null, start.AddDays(1)), answeredAt.AddMinutes(50));
                db.SafetyAlerts.Add(alert);
                db.SafetyPlanVersions.Add(SafetyPlanVersion.Write(patientId, null, story.Plan, therapistId, start.AddMinutes(45)));
            }
            if (k == first || k is 4 or 8)
            {
                var round = k == first ? 0 : k / 4;
                Store(db, patientId, patientId, InstrumentCatalog.Gad7Instrument, Answers(InstrumentCatalog.Gad7Instrument, story.Gad7[round], []), answeredAt.AddMinutes(4));
                Store(db, patientId, patientId, InstrumentCatalog.WsasInstrument, Answers(InstrumentCatalog.WsasInstrument, story.Wsas[round], []), answeredAt.AddMinutes(7));
            }
            if (k == first)
            {
                Store(db, patientId, therapistId, InstrumentCatalog.HamD17Instrument,
                    Answers(InstrumentCatalog.HamD17Instrument, story.HamD17, new() { [3] = 0 }), start.AddMinutes(40));
            }
        }
    }

    private static (AssessmentResponse Response, ScoredResponse Score) Store(AppDbContext db, Guid patientId, Guid byId, Instrument instrument,
        int?[] answers, DateTimeOffset at)
    {
        var scored = InstrumentScoring.Score(instrument, answers);
        var response = AssessmentResponse.Record(patientId, byId, scored, Guid.NewGuid(), at);
        db.AssessmentResponses.Add(response);
        return (response, scored);
    }

    /// <summary>
    /// Answers that add up to <paramref name="total"/>: the fixed items as given, the rest filled a point at a time in
    /// item order up to each item's maximum (option values are the scores for the instruments seeded here). Unscored
    /// difficulty items follow the total.
    /// </summary>
    private static int?[] Answers(Instrument instrument, int total, Dictionary<int, int> fixedItems)
    {
        var answers = new int?[instrument.Items.Count];
        var left = total - fixedItems.Values.Sum();
        for (var i = 0; i < instrument.Items.Count; i++)
        {
            var item = instrument.Items[i];
            answers[i] = fixedItems.TryGetValue(item.Number, out var v) ? v
                : item.Scored ? 0
                : Math.Min(item.Options.Count - 1, total * 4 / Math.Max(1, instrument.MaxTotal));
        }
        while (left > 0)
        {
            var before = left;
            for (var i = 0; i < instrument.Items.Count && left > 0; i++)
            {
                var item = instrument.Items[i];
                if (item.Scored && !fixedItems.ContainsKey(item.Number) && answers[i] < item.MaxScore)
                {
                    answers[i]++;
                    left--;
                }
            }
            if (left == before)
            {
                throw new InvalidOperationException($"{instrument.ShortName} cannot add up to {total}.");
            }
        }
        return answers;
    }
}
