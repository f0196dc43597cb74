using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.IntegrationTests.Features.CareRelationships;

/// <summary>/therapist/care: the clinician's caseload by state, and each decision made from it.</summary>
public abstract class CaseloadPageTests(RapportApp app)
{
    private static Dictionary<string, string> Fields(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    [Fact]
    public async Task TheTherapistAcceptsAFirstConversationThePatientConfirmsAndThenTheTherapistSeesThemInCare()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var id = await app.OpenEnquiryAsync(therapist, patient);
        var patientName = await app.NameAsync(patient, "Robin");
        var therapistName = await app.NameAsync(therapist, "Dr Ada");
        using var clinician = app.NewClient();
        await clinician.SignInAsync(therapist);
        using var person = app.NewClient();
        await person.SignInAsync(patient);

        var before = await clinician.GetAsync("/therapist/care");
        var accepted = await clinician.PostFormAsync("/therapist/care", Fields(), $"/therapist/care?handler=Accept&id={id}");
        var waiting = await clinician.GetAsync(accepted.Location!);
        var offer = await person.GetAsync("/patient/care");
        var confirmed = await person.PostFormAsync("/patient/care", Fields(("consent", "true")), $"/patient/care?handler=Confirm&id={id}");
        var team = await person.GetAsync(confirmed.Location!);
        var after = await clinician.GetAsync("/therapist/care");

        Assert.Contains($"First conversations {patientName}", before.Words, StringComparison.Ordinal);
        Assert.Contains($"href=\"/therapist/patients/{patient.Id}\"", before.Html, StringComparison.Ordinal);
        Assert.Equal("/therapist/care", accepted.Location);
        Assert.Contains("Offered. The patient is asked to confirm", waiting.Words, StringComparison.Ordinal);
        Assert.Contains($"Waiting for the patient to confirm {patientName}", waiting.Words, StringComparison.Ordinal);
        Assert.Contains($"{therapistName} has offered to take you into care", offer.Words, StringComparison.Ordinal);
        Assert.Contains($"I agree that {therapistName} may read my record: intake, questionnaires, safety plan and course", offer.Words, StringComparison.Ordinal);
        Assert.Equal("/patient/care", confirmed.Location);
        Assert.Contains($"Your therapist: {therapistName}", team.Words, StringComparison.Ordinal);
        Assert.Contains($"In your care {patientName}", after.Words, StringComparison.Ordinal);
        Assert.Contains($"href=\"/therapist/patients/{patient.Id}/course\"", after.Html, StringComparison.Ordinal);
        Assert.Equal(CareStatus.Accepted, (await app.RelationshipAsync(id)).Status);
    }

    [Fact]
    public async Task TheCaseloadIsAuditedAsARead()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        using var clinician = app.NewClient();
        await clinician.SignInAsync(therapist);

        var page = await clinician.GetAsync("/therapist/care");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("No first conversations waiting for your decision.", page.Words, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.ReadCaseload && e.UserId == therapist.Id && e.Outcome == AuditOutcome.Success)));
    }

    [Fact]
    public async Task AcceptingBeforeTheFirstConversationShowsTheRuleBesideTheFormAndSavesNothing()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var id = await app.OpenEnquiryAsync(therapist, patient, app.Clock.GetUtcNow().AddDays(2));
        using var clinician = app.NewClient();
        await clinician.SignInAsync(therapist);

        var page = await clinician.PostFormAsync("/therapist/care", Fields(), $"/therapist/care?handler=Accept&id={id}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Decide about care after the first conversation, once you have met. Accept into care", page.Words, StringComparison.Ordinal);
        Assert.Equal(CareStatus.Enquiry, (await app.RelationshipAsync(id)).Status);
    }

    [Fact]
    public async Task AcceptingASecondTimeSaysTheOfferIsAlreadyMadeAtTheTopOfThePage()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var id = await app.OfferAsync(therapist, patient);
        using var clinician = app.NewClient();
        await clinician.SignInAsync(therapist);

        var page = await clinician.PostFormAsync("/therapist/care", Fields(), $"/therapist/care?handler=Accept&id={id}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("You have already offered to take this patient into care; they have not confirmed yet. Nothing was changed.", page.Words, StringComparison.Ordinal);
        Assert.Equal(CareStatus.Offered, (await app.RelationshipAsync(id)).Status);
    }

    [Fact]
    public async Task BeforeThePatientConfirmsTheirPageShowsTheTherapistOnlyWhatBringsThem()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.CompleteIntakeAsync(patient, "Rows with my partner since I went back to work.");
        await app.OpenEnquiryAsync(therapist, patient);
        using var clinician = app.NewClient();
        await clinician.SignInAsync(therapist);

        var caseload = await clinician.GetAsync("/therapist/care");
        var record = await clinician.GetAsync($"/therapist/patients/{patient.Id}");

        Assert.Contains($"href=\"/therapist/patients/{patient.Id}\"", caseload.Html, StringComparison.Ordinal);
        Assert.Contains("What brings them Rows with my partner since I went back to work.", record.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Kim Example", record.Words, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/therapist/patients/{patient.Id}/course\"", record.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecliningWithoutAKindMessageShowsTheRuleBesideTheFormAndSavesNothing()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var id = await app.OpenEnquiryAsync(therapist, patient);
        using var clinician = app.NewClient();
        await clinician.SignInAsync(therapist);

        var page = await clinician.PostFormAsync("/therapist/care", Fields(("message", "  "), ("suggestedColleagueId", "")), $"/therapist/care?handler=Decline&id={id}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Write a few kind words for the patient: they will read them.", page.Words, StringComparison.Ordinal);
        Assert.Contains("<details open=\"open\">", page.Html, StringComparison.Ordinal);
        Assert.Equal(CareStatus.Enquiry, (await app.RelationshipAsync(id)).Status);
        Assert.False(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.CareDeclined && e.Subject == id.ToString())));
    }

    [Fact]
    public async Task ADeclineShowsTheKindMessageAndTheSuggestedColleagueToThePatient()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var colleague = await app.CreatePracticeTherapistAsync();
        var colleagueName = await app.NameAsync(colleague, "Dr Cleo");
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var id = await app.OpenEnquiryAsync(therapist, patient);
        using var clinician = app.NewClient();
        await clinician.SignInAsync(therapist);
        using var person = app.NewClient();
        await person.SignInAsync(patient);

        var declined = await clinician.PostFormAsync("/therapist/care",
            Fields(("message", "Thank you for talking with me. I think a colleague who works with grief will help you more."),
                ("suggestedColleagueId", colleague.Id.ToString())), $"/therapist/care?handler=Decline&id={id}");
        var team = await person.GetAsync("/patient/care");

        Assert.Equal("/therapist/care", declined.Location);
        Assert.Contains("Thank you for talking with me. I think a colleague who works with grief will help you more.", team.Words, StringComparison.Ordinal);
        Assert.Contains($"They suggest a colleague: {colleagueName}", team.Words, StringComparison.Ordinal);
        Assert.Contains($"href=\"/therapists/{colleague.Id}\"", team.Html, StringComparison.Ordinal);
        Assert.Contains("Did not take you into care", team.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecondTherapistPostingToSomeoneElsesRelationshipGets404AndNothingChanges()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var other = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var id = await app.OpenEnquiryAsync(therapist, patient);
        using var intruder = app.NewClient();
        await intruder.SignInAsync(other);

        var page = await intruder.PostFormAsync("/therapist/care", Fields(), $"/therapist/care?handler=Accept&id={id}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal(CareStatus.Enquiry, (await app.RelationshipAsync(id)).Status);
    }

    [Fact]
    public async Task DischargingWithAReasonMovesThePatientToFormerPatients()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var patientName = await app.NameAsync(patient, "Sasha");
        var id = await app.RelationshipIdAsync(therapist, patient);
        using var clinician = app.NewClient();
        await clinician.SignInAsync(therapist);

        var discharged = await clinician.PostFormAsync("/therapist/care", Fields(("reason", "Course completed; goals met.")), $"/therapist/care?handler=Discharge&id={id}");
        var page = await clinician.GetAsync(discharged.Location!);

        Assert.Contains("Discharged. The reason is kept with the record.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Nobody is in your care yet.", page.Words, StringComparison.Ordinal);
        Assert.Contains($"Former patients Patient Ended How {patientName} ", page.Words, StringComparison.Ordinal);
        Assert.Contains(" Discharged ", page.Words, StringComparison.Ordinal);
        Assert.Equal(CareStatus.Discharged, (await app.RelationshipAsync(id)).Status);
    }

    [Fact]
    public async Task DischargingWithoutAReasonShowsTheRuleAndKeepsThePatientInCare()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var id = await app.RelationshipIdAsync(therapist, patient);
        using var clinician = app.NewClient();
        await clinician.SignInAsync(therapist);

        var page = await clinician.PostFormAsync("/therapist/care", Fields(("reason", "")), $"/therapist/care?handler=Discharge&id={id}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Say why care ends (for the record).", page.Words, StringComparison.Ordinal);
        Assert.Equal(CareStatus.Accepted, (await app.RelationshipAsync(id)).Status);
    }

    [Fact]
    public async Task ATransferWithoutAColleagueShowsTheRuleAndSavesNothing()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var id = await app.RelationshipIdAsync(therapist, patient);
        using var clinician = app.NewClient();
        await clinician.SignInAsync(therapist);

        var page = await clinician.PostFormAsync("/therapist/care", Fields(("toClinicianId", ""), ("handoverNote", "Works on a role dispute.")),
            $"/therapist/care?handler=Transfer&id={id}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Choose the colleague who will take over.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Works on a role dispute.", page.Html, StringComparison.Ordinal);
        Assert.Null((await app.RelationshipAsync(id)).TransferredToId);
    }

    [Fact]
    public async Task ATransferIsAcceptedByTheColleagueAndConfirmedByThePatientAndEndsAsTransferred()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var colleague = await app.CreatePracticeTherapistAsync();
        var id = await app.RelationshipIdAsync(therapist, patient);
        var colleagueName = await app.NameAsync(colleague, "Dr Ben");
        using var from = app.NewClient();
        await from.SignInAsync(therapist);
        using var to = app.NewClient();
        await to.SignInAsync(colleague);
        using var person = app.NewClient();
        await person.SignInAsync(patient);

        var proposed = await from.PostFormAsync("/therapist/care", Fields(("toClinicianId", colleague.Id.ToString()), ("handoverNote", "Role dispute with Sam; middle phase.")),
            $"/therapist/care?handler=Transfer&id={id}");
        var underWay = await from.GetAsync("/therapist/care");
        var receivingId = await app.RelationshipIdAsync(colleague, patient);
        var handover = await to.GetAsync("/therapist/care");
        var accepted = await to.PostFormAsync("/therapist/care", Fields(), $"/therapist/care?handler=Accept&id={receivingId}");
        var offer = await person.GetAsync("/patient/care");
        await person.PostFormAsync("/patient/care", Fields(("consent", "true")), $"/patient/care?handler=Confirm&id={receivingId}");
        var former = await from.GetAsync("/therapist/care");

        Assert.Equal("/therapist/care", proposed.Location);
        Assert.Contains($"Under way to {colleagueName}", underWay.Words, StringComparison.Ordinal);
        Assert.Contains("Handovers waiting for you", handover.Words, StringComparison.Ordinal);
        Assert.Contains("Role dispute with Sam; middle phase.", handover.Words, StringComparison.Ordinal);
        Assert.Equal("/therapist/care", accepted.Location);
        Assert.Contains($"{colleagueName} has offered to take you into care", offer.Words, StringComparison.Ordinal);
        Assert.Contains("Transferred to a colleague", former.Words, StringComparison.Ordinal);
        Assert.Equal(CareStatus.Transferred, (await app.RelationshipAsync(id)).Status);
        Assert.Equal(CareStatus.Accepted, (await app.RelationshipAsync(receivingId)).Status);
    }

    [Fact]
    public async Task CoverArrangedForAPatientShowsOnBothCaseloadsAndCanBeCancelled()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var colleague = await app.CreatePracticeTherapistAsync();
        var (patientName, therapistName, colleagueName) = (await app.NameAsync(patient, "Kim"), await app.NameAsync(therapist, "Dr Dana"), await app.NameAsync(colleague, "Dr Eli"));
        var id = await app.RelationshipIdAsync(therapist, patient);
        var today = WallClock.Today(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        using var responsible = app.NewClient();
        await responsible.SignInAsync(therapist);
        using var covering = app.NewClient();
        await covering.SignInAsync(colleague);

        var arranged = await responsible.PostFormAsync("/therapist/care", Fields(("coveringClinicianId", colleague.Id.ToString()),
            ("from", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("to", today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            $"/therapist/care?handler=Cover&id={id}");
        var withCover = await responsible.GetAsync(arranged.Location!);
        var coverId = await app.QueryAsync(db => db.CoverPeriods.Where(c => c.RelationshipId == id).Select(c => c.Id).SingleAsync());
        var colleaguePage = await covering.GetAsync("/therapist/care");
        var cancelled = await responsible.PostFormAsync("/therapist/care", Fields(), $"/therapist/care?handler=CancelCover&id={id}&coverId={coverId}");
        var withoutCover = await responsible.GetAsync(cancelled.Location!);

        Assert.Contains("Cover arranged. Your colleague has been told.", withCover.Words, StringComparison.Ordinal);
        Assert.Contains($"{colleagueName} covers from", withCover.Words, StringComparison.Ordinal);
        Assert.Contains($"Covering for colleagues {patientName} for {therapistName}", colleaguePage.Words, StringComparison.Ordinal);
        Assert.Contains($"href=\"/therapist/patients/{patient.Id}\"", colleaguePage.Html, StringComparison.Ordinal);
        Assert.Contains("Cover cancelled.", withoutCover.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("covers from", withoutCover.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoverThatEndsBeforeItStartsShowsTheRuleAndSavesNothing()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var colleague = await app.CreatePracticeTherapistAsync();
        var id = await app.RelationshipIdAsync(therapist, patient);
        var today = WallClock.Today(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        using var responsible = app.NewClient();
        await responsible.SignInAsync(therapist);

        var page = await responsible.PostFormAsync("/therapist/care", Fields(("coveringClinicianId", colleague.Id.ToString()),
            ("from", today.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("to", today.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            $"/therapist/care?handler=Cover&id={id}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Cover ends after it starts, and not in the past.", page.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.CoverPeriods.AnyAsync(c => c.RelationshipId == id)));
    }
}

public sealed class CaseloadPageTestsOnSqlite(SqliteApp app) : CaseloadPageTests(app);

public sealed class CaseloadPageTestsOnPostgres(PostgresApp app) : CaseloadPageTests(app);
