using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.IntegrationTests.Features.CareRelationships;

/// <summary>/patient/care: the patient's therapist, an offer to confirm, open enquiries and the history.</summary>
public abstract class PatientCarePageTests(RapportApp app)
{
    private static Dictionary<string, string> Fields(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    [Fact]
    public async Task ConfirmingWithoutTickingConsentShowsTheRuleBesideTheFormAndKeepsTheOfferOpen()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var id = await app.OfferAsync(therapist, patient);
        using var person = app.NewClient();
        await person.SignInAsync(patient);

        var page = await person.PostFormAsync("/patient/care", Fields(), $"/patient/care?handler=Confirm&id={id}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Tick the box to agree that this therapist may read your record; without it they cannot treat you.", page.Words, StringComparison.Ordinal);
        Assert.Equal(CareStatus.Offered, (await app.RelationshipAsync(id)).Status);
    }

    [Fact]
    public async Task NoThanksTurnsTheOfferDownAndTheHistorySaysSo()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var therapistName = await app.NameAsync(therapist, "Dr Fay");
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var id = await app.OfferAsync(therapist, patient);
        using var person = app.NewClient();
        await person.SignInAsync(patient);

        var withdrawn = await person.PostFormAsync("/patient/care", Fields(), $"/patient/care?handler=Withdraw&id={id}");
        var page = await person.GetAsync(withdrawn.Location!);

        Assert.Equal("/patient/care", withdrawn.Location);
        Assert.DoesNotContain("has offered to take you into care", page.Words, StringComparison.Ordinal);
        Assert.Contains($"{therapistName} You withdrew", page.Words, StringComparison.Ordinal);
        Assert.Contains("No therapist yet", page.Words, StringComparison.Ordinal);
        Assert.Equal(CareStatus.Withdrawn, (await app.RelationshipAsync(id)).Status);
    }

    [Fact]
    public async Task APatientWithdrawsAnOpenEnquiry()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var therapistName = await app.NameAsync(therapist, "Dr Gus");
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var id = await app.OpenEnquiryAsync(therapist, patient, app.Clock.GetUtcNow().AddDays(3));
        using var person = app.NewClient();
        await person.SignInAsync(patient);

        var before = await person.GetAsync("/patient/care");
        var withdrawn = await person.PostFormAsync("/patient/care", Fields(), $"/patient/care?handler=Withdraw&id={id}");
        var after = await person.GetAsync(withdrawn.Location!);

        Assert.Contains($"Open enquiries {therapistName}", before.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Open enquiries", after.Words, StringComparison.Ordinal);
        Assert.Equal(CareStatus.Withdrawn, (await app.RelationshipAsync(id)).Status);
    }

    [Fact]
    public async Task APatientCannotConfirmAnotherPatientsOffer()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var other = await app.CreateAccountAsync(Roles.Patient);
        var id = await app.OfferAsync(therapist, patient);
        using var intruder = app.NewClient();
        await intruder.SignInAsync(other);

        var page = await intruder.PostFormAsync("/patient/care", Fields(("consent", "true")), $"/patient/care?handler=Confirm&id={id}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal(CareStatus.Offered, (await app.RelationshipAsync(id)).Status);
    }

    [Fact]
    public async Task ThePatientInCareSeesTheirTherapistAndTheReadIsAuditedAsTheirs()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var therapistName = await app.NameAsync(therapist, "Dr Hana");
        using var person = app.NewClient();
        await person.SignInAsync(patient);

        var page = await person.GetAsync("/patient/care");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Your therapist: {therapistName}", page.Words, StringComparison.Ordinal);
        Assert.Contains($"{therapistName} Your therapist", page.Words, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.ReadCareTeam && e.UserId == patient.Id && e.PatientId == patient.Id && e.Outcome == AuditOutcome.Success)));
    }

    [Fact]
    public async Task ATherapistCannotOpenThePatientsCarePage()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        using var clinician = app.NewClient();
        await clinician.SignInAsync(therapist);

        Assert.False(await clinician.CanOpenAsync("/patient/care"));
    }
}

public sealed class PatientCarePageTestsOnSqlite(SqliteApp app) : PatientCarePageTests(app);

public sealed class PatientCarePageTestsOnPostgres(PostgresApp app) : PatientCarePageTests(app);
