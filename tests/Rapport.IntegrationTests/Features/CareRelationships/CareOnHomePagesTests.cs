using System.Net;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;

namespace Rapport.IntegrationTests.Features.CareRelationships;

/// <summary>Care on the pages around it: the patient's home, the therapist's home and a therapist's profile.</summary>
public abstract class CareOnHomePagesTests(RapportApp app)
{
    [Fact]
    public async Task ThePatientHomeInCareShowsTheirTherapistAndNextAppointmentAndNeverTheFirstConversationPrompt()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var therapistName = await app.NameAsync(therapist, "Dr Iris");
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.AcceptIntoCareAsync(therapist, patient);
        var session = await app.BookAsync(patient, therapist);
        using var person = app.NewClient();
        await person.SignInAsync(patient);

        var home = await person.GetAsync("/patient");

        Assert.Contains($"Your therapist: {therapistName}", home.Words, StringComparison.Ordinal);
        Assert.Contains($"Next appointment: {TimeText.DayAndTime(WallClock.Local(session.StartUtc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")))}", home.Words, StringComparison.Ordinal);
        Assert.Contains($"href=\"/appointments/{session.Id}\"", home.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/my-plan\"", home.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("book a first conversation", home.Words, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Your next step", home.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhileAnOfferWaitsThePatientHomeAsksThemToConfirmItOnTheCarePage()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var therapistName = await app.NameAsync(therapist, "Dr Jon");
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.OfferAsync(therapist, patient);
        using var person = app.NewClient();
        await person.SignInAsync(patient);

        var home = await person.GetAsync("/patient");

        Assert.Contains($"{therapistName} has offered to take you into care — confirm", home.Words, StringComparison.Ordinal);
        Assert.Contains("href=\"/patient/care\"", home.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Your therapist:", home.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatientWithNoRelationshipKeepsTheFindATherapistStep()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var person = app.NewClient();
        await person.SignInAsync(patient);

        var home = await person.GetAsync("/patient");

        Assert.Contains("book a first conversation", home.Words, StringComparison.Ordinal);
        Assert.Contains("href=\"/therapists\"", home.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Your therapist:", home.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTherapistHomeCountsFirstConversationsAndHandoversWaiting()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        await app.OpenEnquiryAsync(therapist, await app.CreateAccountAsync(Roles.Patient));
        await app.OpenEnquiryAsync(therapist, await app.CreateAccountAsync(Roles.Patient));
        using var clinician = app.NewClient();
        await clinician.SignInAsync(therapist);

        var home = await clinician.GetAsync("/therapist");

        Assert.Contains("2 first conversations and 0 handovers waiting for your decision.", home.Words, StringComparison.Ordinal);
        Assert.Contains("href=\"/therapist/care\"", home.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/therapist/supervision\"", home.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheProfileSaysWhatAFirstConversationLeadsToBeforeThePatientBooks()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var therapistName = await app.NameAsync(therapist, "Dr Kai");
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var person = app.NewClient();
        await person.SignInAsync(patient);

        var profile = await person.GetAsync($"/therapists/{therapist.Id}");

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Contains($"This books a first conversation. Afterwards {therapistName} decides with you whether to take you into care; until you confirm, they see only your name and what brings you.",
            profile.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePatientInCareIsOfferedTheirNextSessionNotAFirstConversationOnTheProfile()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        using var person = app.NewClient();
        await person.SignInAsync(patient);

        var profile = await person.GetAsync($"/therapists/{therapist.Id}");

        Assert.Contains("Choose a time for your next session with", profile.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("This books a first conversation.", profile.Words, StringComparison.Ordinal);
    }
}

public sealed class CareOnHomePagesTestsOnSqlite(SqliteApp app) : CareOnHomePagesTests(app);

public sealed class CareOnHomePagesTestsOnPostgres(PostgresApp app) : CareOnHomePagesTests(app);
