using Microsoft.EntityFrameworkCore;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.Web.Data;

/// <summary>
/// Development only: three fictional patients at different points of an IPT course, written through
/// the domain's own methods with past dates, so a newcomer sees the whole path within a minute of starting:
/// Liam Byrne in the initial phase with the draft inventory he prepared, Alex Rivera in the middle phase (full
/// inventory, agreed role-dispute formulation, signed contract, notes, a decision-analysis loop, falling PHQ-9) and
/// Nadia Haddad in maintenance after a completed termination review. Each is written once (a patient with a course
/// already has their story), in one save.
/// </summary>
internal static class DemoCourses
{
    public static async Task SeedAsync(AppDbContext db, DateTimeOffset now, ILogger log, CancellationToken ct)
    {
        await SeedAsync(db, "alex.rivera", "sarah.oconnell", now, log, ct, Alex);
        await SeedAsync(db, "nadia.haddad", "fatima.alsayed", now, log, ct, Nadia);
        await SeedAsync(db, "liam.byrne", "tom.whitfield", now, log, ct, Liam);
    }

    private delegate Task Story(AppDbContext db, Guid patientId, Guid therapistId, DateTimeOffset now, CancellationToken ct);

    private static async Task SeedAsync(AppDbContext db, string patient, string therapist, DateTimeOffset now, ILogger log, CancellationToken ct, Story story)
    {
        var p = await db.Users.FirstOrDefaultAsync(u => u.Email == $"{patient}@{DemoClinic.Domain}", ct);
        var t = await db.Users.FirstOrDefaultAsync(u => u.Email == $"{therapist}@{DemoClinic.Domain}", ct);
        if (p is null || t is null || await db.TreatmentCourses.AnyAsync(c => c.PatientId == p.Id, ct))
        {
            return;
        }
        await story(db, p.Id, t.Id, now, ct);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Seeded the demo course of {Patient}.", patient);
    }

    /// <summary>The pair's attended appointments from the demo history, oldest first: [0] is the assessment.</summary>
    private static Task<List<Appointment>> HeldAsync(AppDbContext db, Guid patientId, Guid therapistId, CancellationToken ct) =>
        db.Appointments.Where(a => a.PatientId == patientId && a.TherapistId == therapistId && a.Status == AppointmentStatus.Attended)
            .OrderBy(a => a.StartUtc).ToListAsync(ct);

    /// <param name="focus">The agreed formulation, for a middle-phase note that names the problem area worked on.</param>
    private static SessionNote Note(TreatmentCourse course, Appointment a, Guid therapistId, string mood, string events, string? work, string? phaseWork,
        Technique[] techniques, string? task, CommunicationAnalysis? analysis = null, string? risk = null, Formulation? focus = null)
    {
        var at = a.StartUtc.AddMinutes(55);
        var note = SessionNote.Start(course, a.Id, therapistId, at);
        note.Edit(new SessionNote.Content(mood, events, work, phaseWork, techniques, analysis, task, risk, focus?.Foci[0].Area), therapistId, at, focus);
        // The demo's risk answers come before sessions 2 (Alex) and 3 (Nadia): those notes and the ones of the four weeks after carry a Risk section.
        note.Sign(therapistId, a.StartUtc, at.AddMinutes(10), riskRaised: risk is not null);
        return note;
    }

    private const string AlexRechecked = "Asked again about thoughts of death. Alex: none this week. Agreed: the safety plan stays on the fridge; asked again next session.";
    private const string NadiaRechecked = "Asked again about thoughts of death. Nadia: none since last week. Agreed: the safety plan stays by the bed; asked again next session.";

    /// <summary>The medical model of the first session (TreatmentCourses readme, rule 32), recorded as the session ends.</summary>
    private static void MedicalModel(TreatmentCourse course, DateTimeOffset session, string diagnosis, MedicationDecision? medication, string? note)
    {
        var end = session.AddMinutes(50);
        course.RecordDiagnosis(diagnosis, null, end);
        course.GiveSickRole(DateOnly.FromDateTime(session.UtcDateTime), TimeZoneInfo.Utc, end);
        if (medication is { } decided)
        {
            course.DecideMedication(decided, note, end);
        }
    }

    private static async Task Alex(AppDbContext db, Guid patientId, Guid therapistId, DateTimeOffset now, CancellationToken ct)
    {
        var held = await HeldAsync(db, patientId, therapistId, ct);
        if (held.Count < 8)
        {
            return;
        }
        var s = held.Select(a => a.StartUtc).ToArray();
        var course = TreatmentCourse.Open(patientId, therapistId, s[0].AddMinutes(-30));
        course.BeginInitialPhase(s[0].AddHours(1));
        db.TreatmentCourses.Add(course);

        // Session 1: symptoms and the sick role; the inventory begins.
        var inventory = InterpersonalInventory.Start(course, s[1]);
        var jordan = inventory.AddPerson(new("Jordan", "Partner", ContactFrequency.Daily, "Evenings and weekends at home", 1,
            "Day-to-day plans, the cat", "Money since I lost my job; how alone I feel here",
            "Jordan is kind and still makes me laugh", "We argue about money and chores most evenings, then go quiet for a day; nothing gets settled",
            "To understand that losing the job is not laziness", "That I do more at home while I'm not working", ExpectationsMet.NotMet,
            "Talk about money without it becoming a fight", "The arguments began after the move and got worse when I lost my job", false, ProblemArea.RoleDispute),
            InventoryEditor.Therapist, s[1].AddMinutes(30));
        inventory.AddPerson(new("Maria", "Sister (in Austin)", ContactFrequency.Monthly, "Phone calls", 2,
            "Almost anything", "How bad things are", "She listens", "We talk less since the move", null, null, ExpectationsMet.PartlyMet,
            "Call every week again", "I stopped calling when I felt low", true, ProblemArea.RoleTransition), InventoryEditor.Therapist, s[1].AddMinutes(35));
        inventory.AddPerson(new("Sam", "Neighbour", ContactFrequency.Weekly, "Coffee, the climbing gym", 2,
            "Climbing, the neighbourhood", "The job", "Easy company", null, null, null, ExpectationsMet.Met, null, null, null, null),
            InventoryEditor.Therapist, s[1].AddMinutes(40));
        inventory.AddPerson(new("Former team", "Colleagues in Austin", ContactFrequency.Rarely, "Group chat", 3,
            "Work news", "Losing the job", null, "I feel I let them down", null, null, ExpectationsMet.Unknown, null,
            "Lost touch after the move", null, ProblemArea.RoleTransition), InventoryEditor.Therapist, s[1].AddMinutes(45));
        db.Add(Note(course, held[1], therapistId, "PHQ-9 20: low most days, sleeping badly.", "Two arguments with Jordan about money this week.", null,
            "Explained depression as a medical illness and the sick role: fewer job applications for now. Started the inventory: Jordan, Maria, Sam.",
            [Technique.Exploratory, Technique.EducationAboutDepression, Technique.Adjunctive], "Notice when mood drops this week and what happened just before.",
            risk: "Asked about yesterday's answer to question 9 and the alert call. Alex: passive thoughts when lying awake, no plan or intent; Jordan and getting back to work matter. Agreed: the safety plan written today; 988 or Sarah through Rapport if the thoughts change."));
        course.RecordSessionHeld(held[1].Id, s[1], s[1].AddHours(1));
        MedicalModel(course, s[1], "6A70", MedicationDecision.AlreadyTaking, "Sertraline 50 mg from the primary care doctor since the summer, as the intake says; continues it, and it is reviewed with the doctor if the PHQ-9 has not fallen by session 6.");

        // Session 2: the inventory is completed.
        inventory.Complete(InventoryEditor.Therapist, therapistId, s[2].AddMinutes(40));
        db.InterpersonalInventories.Add(inventory);
        db.Add(Note(course, held[2], therapistId, "PHQ-9 18. Worst days were after arguments.", "Jordan said 'you have all day' about the dishes; Alex went silent.",
            null, "Completed the inventory. The dispute with Jordan stands out: expectations about home and money are not shared.",
            [Technique.Exploratory, Technique.Clarification], "Write down one argument with what was said on each side.", risk: AlexRechecked));
        course.RecordSessionHeld(held[2].Id, s[2], s[2].AddHours(1));

        // Session 3: formulation agreed and contract signed.
        var formulationAt = s[3].AddMinutes(30);
        var formulation = Formulation.Write(course, new Formulation.Details([new(ProblemArea.RoleDispute, DisputeStage.Renegotiation)],
            "After moving to Chicago and losing the job, arguments with Jordan about money and who does what at home.",
            DateOnly.FromDateTime(s[0].UtcDateTime.AddMonths(-5)), [jordan.Id],
            ["Talk with Jordan about money without it turning into a fight", "Agree together who does what at home while I look for work",
             "Feel less alone in Chicago"],
            "Your depression began after two big changes, the move and losing your job, and it is kept going by the arguments with Jordan about money and chores. " +
            "You both still want this to work, so in our sessions we will look at how those conversations go and try new ways to ask for what you need."),
            inventory, therapistId, formulationAt);
        formulation.RecordAgreement(AgreementChannel.InSession, therapistId, formulationAt.AddMinutes(5));
        db.Formulations.Add(formulation);
        var contract = TreatmentContract.Draft(course, formulation, TreatmentContract.Terms.Defaults(DateOnly.FromDateTime(s[1].UtcDateTime)), formulationAt.AddMinutes(10));
        contract.Sign(ContractParty.Therapist, therapistId, "Sarah O'Connell", "Sarah O'Connell", true, formulationAt.AddMinutes(12));
        contract.Sign(ContractParty.Patient, patientId, "Alex Rivera", "Alex Rivera", true, formulationAt.AddMinutes(14));
        db.TreatmentContracts.Add(contract);
        course.AdoptContract(contract, formulationAt.AddMinutes(14));
        db.Add(Note(course, held[3], therapistId, "PHQ-9 16.", "A calmer week; one row about the rent.", null,
            "Shared the formulation (role dispute, renegotiation); Alex agreed. Went through the contract: 16 weekly sessions; both signed.",
            [Technique.Clarification, Technique.Adjunctive], "Notice how the rent conversation starts.", risk: AlexRechecked));
        course.RecordSessionHeld(held[3].Id, s[3], s[3].AddHours(1));
        course.BeginMiddlePhase(formulation, s[3].AddHours(1).AddMinutes(5));

        // Sessions 4–7: the middle phase, with one decision analysis across sessions 5, 6 and 7.
        db.Add(Note(course, held[4], therapistId, "PHQ-9 13. Sleeping better.", "Row on Sunday when Jordan checked the bank app.",
            "Communication analysis of Sunday's row. Alex heard blame; Jordan may have been worried.", null,
            [Technique.CommunicationAnalysis, Technique.EncouragementOfAffect],
            "Before reacting, ask Jordan one question about what they meant.",
            new CommunicationAnalysis("Jordan: 'We can't keep spending like this.' Me: 'So it's my fault I got fired?'",
                "Jordan meant they were scared about money, not that it was my fault.", "Ashamed, then angry.",
                "'I'm worried too. Can we sit down with the numbers on Saturday?'"), AlexRechecked, formulation));
        course.RecordSessionHeld(held[4].Id, s[4], s[4].AddHours(1));

        var evenings = DecisionAnalysis.Open(course, "Who does what at home while I am out of work", null, s[5].AddMinutes(25));
        var rota = evenings.AddOption("A written weekly rota", "Clear; no nagging", "Feels like a contract", s[5].AddMinutes(26));
        evenings.AddOption("I take all the chores until I find work", "Fewer rows", "Feeds the idea that I owe Jordan", s[5].AddMinutes(27));
        var talk = evenings.AddOption("A Saturday talk about the week ahead", "Both have a say", "We might argue", s[5].AddMinutes(28));
        evenings.Choose(talk.Id, "On Saturday morning over coffee, ask Jordan to plan the week's chores together; start with 'I want us to be a team'.", s[5].AddMinutes(35));
        db.DecisionAnalyses.Add(evenings);
        db.Add(Note(course, held[5], therapistId, "PHQ-9 11. Some good days.", "Asked Jordan what they meant before reacting: it helped once.",
            "Decision analysis on the chores: three options weighed; chose a Saturday talk.", null,
            [Technique.DecisionAnalysis, Technique.RolePlay], "Saturday talk with Jordan about the week's chores.", focus: formulation));
        course.RecordSessionHeld(held[5].Id, s[5], s[5].AddHours(1));

        evenings.ReportBack(true, "We talked for twenty minutes. Jordan took the cooking, I took the cleaning and the shopping.",
            "Nervous at first, then relieved. We laughed at the end.", FeedbackSource.Patient, s[6].AddDays(-1));
        evenings.RecordAdjustment("It worked because Alex opened with 'team'. Next: the same approach for money, which is harder.", s[6].AddMinutes(30));
        db.Add(Note(course, held[6], therapistId, "PHQ-9 9. Mood lifts after talks that go well.", "The Saturday talk went well; the chores rota holds.",
            "Reviewed the try; linked the better mood to the talk. Moving to money.", null,
            [Technique.DecisionAnalysis, Technique.EncouragementOfAffect], "Keep the Saturday talk going.", focus: formulation));
        course.RecordSessionHeld(held[6].Id, s[6], s[6].AddHours(1));

        evenings.Choose(rota.Id, "Write the chores we agreed on the fridge, and add one money topic to Saturday's talk: the rent.", s[7].AddMinutes(35));
        db.Add(Note(course, held[7], therapistId, "PHQ-9 7: mild.", "A calm week; Maria called twice.",
            "Money: rehearsed opening the rent conversation in role play.", null,
            [Technique.RolePlay, Technique.DecisionAnalysis], "Saturday: talk about the rent using the words we practised.", focus: formulation));
        course.RecordSessionHeld(held[7].Id, s[7], s[7].AddHours(1));
    }

    private static async Task Nadia(AppDbContext db, Guid patientId, Guid therapistId, DateTimeOffset now, CancellationToken ct)
    {
        var held = await HeldAsync(db, patientId, therapistId, ct);
        if (held.Count < 9)
        {
            return;
        }
        var s = held.Select(a => a.StartUtc).ToArray();
        var course = TreatmentCourse.Open(patientId, therapistId, s[0].AddMinutes(-30));
        course.BeginInitialPhase(s[0].AddHours(1));
        db.TreatmentCourses.Add(course);

        // Session 1: symptoms, the sick role and the inventory.
        var inventory = InterpersonalInventory.Start(course, s[1]);
        var mother = inventory.AddPerson(new("Mama", "Mother (died last year)", ContactFrequency.None, "Cooking together every Sunday", 1,
            "Everything", "Her illness, near the end", "Her warmth; her recipes", "I was angry that she would not see more doctors", null, null,
            ExpectationsMet.Unknown, null, "Low mood began a few months after she died", null, ProblemArea.Grief), InventoryEditor.Therapist, s[1].AddMinutes(30));
        inventory.AddPerson(new("Omar", "Brother", ContactFrequency.Weekly, "Sunday lunch at his house", 1, "The children, work", "Mama",
            "He is steady", "We never talk about her", "To talk about her", null, ExpectationsMet.PartlyMet, "Share memories of her",
            null, true, ProblemArea.Grief), InventoryEditor.Therapist, s[1].AddMinutes(35));
        inventory.AddPerson(new("Leila", "Friend in Manchester", ContactFrequency.Rarely, "Messages", 2, "Anything", null, "She makes me laugh",
            "I stopped replying", null, null, ExpectationsMet.Met, "Visit her", null, false, null), InventoryEditor.Therapist, s[1].AddMinutes(40));
        inventory.Complete(InventoryEditor.Therapist, therapistId, s[1].AddMinutes(45));
        db.InterpersonalInventories.Add(inventory);
        db.Add(Note(course, held[1], therapistId, "PHQ-9 21.", "Avoided Omar's Sunday lunch.", null,
            "Depression explained as an illness; sick role: fewer hours at the shop for now. Inventory with Mama, Omar and Leila.",
            [Technique.Exploratory, Technique.EducationAboutDepression, Technique.Adjunctive], "Look at one photo of Mama with Omar."));
        course.RecordSessionHeld(held[1].Id, s[1], s[1].AddHours(1));
        MedicalModel(course, s[1], "6A70", MedicationDecision.AlreadyTaking, "Sertraline 50 mg from her GP since the spring; she continues it.");

        // Session 2: formulation agreed and an 8-session contract signed, four of them for the grief work.
        var formulation = Formulation.Write(course, new Formulation.Details([new(ProblemArea.Grief)],
            "The death of her mother after a long illness.", DateOnly.FromDateTime(s[0].UtcDateTime.AddMonths(-14)), [mother.Id],
            ["Mourn Mama: talk about her, the good and the hard parts", "Reconnect with Omar and Leila"],
            "Your low mood began after your mother died. It has been hard to grieve while holding it in, and you have pulled away from Omar and Leila. " +
            "Together we will remember your mother, including the hard parts, and help you reconnect with the people around you."),
            inventory, therapistId, s[2].AddMinutes(30));
        formulation.RecordAgreement(AgreementChannel.Portal, patientId, s[2].AddHours(5));
        db.Formulations.Add(formulation);
        var contract = TreatmentContract.Draft(course, formulation, TreatmentContract.Terms.Defaults(DateOnly.FromDateTime(s[1].UtcDateTime)) with { SessionCount = 8 },
            s[2].AddMinutes(40));
        contract.Sign(ContractParty.Therapist, therapistId, "Fatima Al-Sayed", "Fatima Al-Sayed", true, s[2].AddMinutes(45));
        contract.Sign(ContractParty.Patient, patientId, "Nadia Haddad", "Nadia Haddad", true, s[2].AddHours(5));
        db.TreatmentContracts.Add(contract);
        course.AdoptContract(contract, s[2].AddHours(5));
        db.Add(Note(course, held[2], therapistId, "PHQ-9 20.", "Looked at a photo with Omar; both cried.", null,
            "Formulation (grief) shared; 8 weekly sessions agreed, the last two for the ending.", [Technique.EncouragementOfAffect, Technique.Adjunctive],
            "Tell Omar one memory of Mama."));
        course.RecordSessionHeld(held[2].Id, s[2], s[2].AddHours(1));
        course.BeginMiddlePhase(formulation, s[2].AddHours(6));

        // Sessions 3–6: the grief work (the risk answers came the day before session 3).
        string[] moods = ["PHQ-9 19.", "PHQ-9 17.", "PHQ-9 15.", "PHQ-9 12."];
        string[] events = ["Cooked Mama's lentil soup for Omar's children.", "Went through the weeks around her death with Omar for the first time.",
            "Angry with the hospital again after a letter came; talked to Omar instead of going to bed.", "Sunday lunches with Omar again; messaged Leila."];
        string[] work = ["Reconstructed the relationship: the warmth, and the anger about the doctors.", "Went through the events around the death, day by day.",
            "The avoided feelings: guilt at being angry with her; anger that she refused more doctors.", "Reconnecting: who else could share some of what Mama gave."];
        string[] tasks = ["Write a letter to Mama you do not have to send.", "Ask Omar what he remembers of the last week.",
            "Tell Omar about the anger, not only the sadness.", "Plan a visit to Leila."];
        for (var k = 3; k <= 6; k++)
        {
            db.Add(Note(course, held[k], therapistId, moods[k - 3], events[k - 3], work[k - 3], null,
                [Technique.Exploratory, Technique.EncouragementOfAffect], tasks[k - 3],
                risk: k == 3
                    ? "Asked about the answer to question 9. Nadia: fleeting thoughts that nobody would notice if she were gone, no plan or intent; her niece and nephew matter. Agreed: safety plan started today; Samaritans 116 123 or Omar if the thoughts return."
                    : NadiaRechecked, focus: formulation));
            course.RecordSessionHeld(held[k].Id, s[k], s[k].AddHours(1));
        }
        course.BeginTermination(s[6].AddHours(1));

        // Sessions 7–8: the ending.
        db.Add(Note(course, held[7], therapistId, "PHQ-9 10.", "Visited Leila in Manchester.", "Grief work continues; more good memories than hard ones.",
            "The ending: feelings about finishing, another goodbye after Mama's.", [Technique.EncouragementOfAffect, Technique.Clarification],
            "Keep the Sunday lunches."));
        course.RecordSessionHeld(held[7].Id, s[7], s[7].AddHours(1));
        db.Add(Note(course, held[8], therapistId, "PHQ-9 8.", "Sunday lunch with Omar; cooked with his children.", null,
            "Reviewed gains, warning signs and plans. Still mildly low, so chose monthly maintenance through the anniversary.",
            [Technique.EncouragementOfAffect, Technique.Clarification], null));
        course.RecordSessionHeld(held[8].Id, s[8], s[8].AddHours(1));

        var review = TerminationReview.Start(course, s[8].AddMinutes(20));
        review.Edit(new TerminationReview.Details([new("PHQ-9", 22, 8), new("GAD-7", 16, 9), new("WSAS", 28, 15)],
            "I can talk about Mama now without falling apart. I see Omar every Sunday and I went to see Leila. I cook her recipes again.",
            [new("Staying in bed past noon two days running", "Call Omar and go to Sunday lunch anyway"),
             new("Not answering messages", "Reply to one message a day, even just an emoji"),
             new("The anniversary of Mama's death in March", "Plan the day with Omar: visit her grave and cook together")],
            [new("The first anniversary of her death", "Plan it in advance with Omar; book a maintenance session that week")],
            "Omar, +44 20 7946 0321; Samaritans 116 123; 999 in an emergency", MaintenanceDecision.Maintenance,
            "Monthly sessions for a year, through the anniversary."), s[8].AddMinutes(40));
        review.Complete(therapistId, s[8].AddMinutes(50));
        db.TerminationReviews.Add(review);
        // The last PHQ-9 is 8, not in remission: monthly maintenance is chosen with the reason recorded.
        var plan = MaintenancePlan.Create(course, review, MaintenanceFrequency.Monthly, 12, DateOnly.FromDateTime(s[8].UtcDateTime.AddDays(28)), s[8].AddMinutes(55),
            lastPhq9: 8, notRemittedReason: "PHQ-9 down from 22 to 8 and still falling. Nadia wants monthly sessions through the anniversary of her mother's death; " +
            "if the PHQ-9 is not below 5 by the third session we move to sessions every two weeks or review medication with her GP.");
        db.MaintenancePlans.Add(plan);
        course.BeginMaintenance(review, plan, s[8].AddHours(1));
    }

    private static async Task Liam(AppDbContext db, Guid patientId, Guid therapistId, DateTimeOffset now, CancellationToken ct)
    {
        // Liam farms near Dubbo and sold the farm this year: an assessment 10 days ago, session 1 three days ago, session 2 in four days.
        var assessment = Appointment.Book(therapistId, patientId, DemoHistory.SessionStart(now, 8).AddDays(-7).AddHours(-6), TimeSpan.FromMinutes(50),
            TimeSpan.FromMinutes(10), AppointmentKind.Assessment, now.AddDays(-20));
        assessment.MarkAttended(assessment.StartUtc.AddMinutes(3));
        var first = Appointment.Book(therapistId, patientId, DemoHistory.SessionStart(now, 8).AddHours(-6), TimeSpan.FromMinutes(50),
            TimeSpan.FromMinutes(10), AppointmentKind.Session, now.AddDays(-20));
        first.MarkAttended(first.StartUtc.AddMinutes(2));
        var next = Appointment.Book(therapistId, patientId, DemoHistory.SessionStart(now, 9).AddHours(-6), TimeSpan.FromMinutes(50),
            TimeSpan.FromMinutes(10), AppointmentKind.Session, now.AddDays(-20));
        db.Appointments.AddRange(assessment, first, next);
        db.AssessmentResponses.Add(AssessmentResponse.Record(patientId, patientId,
            InstrumentScoring.Score(InstrumentCatalog.Phq9Instrument, [2, 2, 2, 2, 1, 2, 1, 2, 0, 1]), Guid.NewGuid(), assessment.StartUtc.AddHours(-20)));

        var course = TreatmentCourse.Open(patientId, therapistId, assessment.StartUtc.AddMinutes(-30));
        course.BeginInitialPhase(assessment.StartUtc.AddHours(1));
        db.TreatmentCourses.Add(course);
        db.Add(Note(course, first, therapistId, "PHQ-9 14: moderate. Up at 4 a.m. with nothing to do.", "Barely speaks to his wife Kate since the sale.",
            null, "Explained depression and the sick role. Asked Liam to list the important people in his life on his plan page before next week.",
            [Technique.Exploratory, Technique.Adjunctive], "List the people who matter on the 'My people' page."));
        course.RecordSessionHeld(first.Id, first.StartUtc, first.StartUtc.AddHours(1));
        // The medication decision is still to come: the course page shows it as the initial phase's open task.
        MedicalModel(course, first.StartUtc, "6A70", null, null);

        // The draft Liam prepared himself, still editable by him until he and Tom go through it.
        var inventory = InterpersonalInventory.Start(course, now.AddDays(-1));
        inventory.AddPerson(new("Kate", "Wife", ContactFrequency.Daily, "Meals; we used to work the farm together", 1, "The grandchildren",
            "Selling the farm", null, "We hardly talk since the sale", null, null, ExpectationsMet.Unknown, null, null, null, null),
            InventoryEditor.Patient, now.AddDays(-1));
        inventory.AddPerson(new("Dan", "Son (runs the neighbouring farm)", ContactFrequency.Weekly, "He drops by", 2, "Cattle prices",
            "That I miss the place", null, null, null, null, ExpectationsMet.Unknown, null, null, null, null), InventoryEditor.Patient, now.AddDays(-1).AddMinutes(5));
        inventory.AddPerson(new("The footy club", "Mates", ContactFrequency.Rarely, "Saturdays, before the sale", 3, null, null, null,
            "Stopped going", null, null, ExpectationsMet.Unknown, null, null, null, null), InventoryEditor.Patient, now.AddDays(-1).AddMinutes(9));
        db.InterpersonalInventories.Add(inventory);
        await Task.CompletedTask;
    }
}
