using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Safety;

namespace Rapport.IntegrationTests.Features.Safety;

/// <summary>A risk answer shows crisis resources at once and alerts a clinician, in the same transaction as the answer.</summary>
public abstract class RiskAnswerTests(RapportApp app)
{
    private static readonly string[] ClinicalWords = ["PHQ", "suicid", "harm", "dead", "depress", "item", "questionnaire", "risk"];

    private async Task AssertSaysNothingClinicalAsync(MimeMessage mail, TestAccount patient)
    {
        var text = $"{mail.Subject}\n{mail.TextBody}\n{mail.HtmlBody}";
        Assert.All(ClinicalWords, word => Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(await app.DisplayNameAsync(patient), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(patient.Email, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(patient.Id.ToString(), text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Item9AtMoreThanHalfTheDaysShowsTheCountrysCrisisLinesAndAlertsTheTherapistInTheSameRequest()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var patient = await app.PatientOfAsync(therapist);
        await app.SetCountryAsync(patient.Id, "GB");
        using var api = await app.ApiAsync(patient);

        var response = await api.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(1, 1, 0, 1, 0, 0, 0, 0, 2));
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        var responseId = result.GetProperty("id").GetGuid();
        // Read as soon as the call returns: the alert was committed with the answer, not by a later job.
        var alert = await app.QueryAsync(db => db.SafetyAlerts.AsNoTracking().SingleOrDefaultAsync(a => a.ResponseId == responseId));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(alert);
        Assert.Equal((RiskLevel.High, therapist.Id, patient.Id), (alert.Level, alert.AssignedTherapistId, alert.PatientId));
        Assert.Null(alert.EscalatedAt);
        Assert.Equal(alert.RaisedAt.AddHours(1), alert.EscalateAt);
        var safety = result.GetProperty("safety");
        Assert.Equal("High", safety.GetProperty("riskLevel").GetString());
        Assert.True(safety.GetProperty("alertRaised").GetBoolean());
        Assert.Equal(SafetyWords.AfterRiskAnswer, safety.GetProperty("message").GetString());
        var lines = safety.GetProperty("crisisResources").EnumerateArray().ToList();
        // The country's own emergency number first and once, then its crisis lines; no 112 beside 999, nothing from another country.
        Assert.Equal(["999", "116 123"], lines.Take(2).Select(l => l.GetProperty("phone").GetString()));
        Assert.DoesNotContain(lines, l => l.GetProperty("phone").GetString() is "112" or "988" or "911");
        var flag = Assert.Single(result.GetProperty("flags").EnumerateArray());
        Assert.Equal((9, 2, "High"), (flag.GetProperty("item").GetInt32(), flag.GetProperty("score").GetInt32(), flag.GetProperty("level").GetString()));
    }

    [Fact]
    public async Task TheCountryGivenInTheIntakeDecidesTheCrisisLines()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.QueryAsync(async db =>
        {
            db.Intakes.Add(Intake.Complete(patient.Id, new Intake.Details("Low since the move", null, null, null, "Ana Lima", "Sister",
                "+61 400 000 000", "AU", "Ballarat"), app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });
        using var api = await app.ApiAsync(patient);

        var result = await (await api.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(0, 0, 0, 0, 0, 0, 0, 0, 1))).Content.ReadFromJsonAsync<JsonElement>();
        var lines = result.GetProperty("safety").GetProperty("crisisResources").EnumerateArray().ToList();

        // The account says DE; the intake, asked where the patient is, says AU.
        Assert.Equal(["000", "13 11 14"], lines.Take(2).Select(l => l.GetProperty("phone").GetString()));
        Assert.DoesNotContain(lines, l => l.GetProperty("name").GetString() == "TelefonSeelsorge");
    }

    [Fact]
    public async Task TheTherapistsAlertEmailSaysNothingClinical()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var patient = await app.PatientOfAsync(therapist);
        using var api = await app.ApiAsync(patient);

        await api.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(3, 3, 3, 3, 3, 3, 3, 3, 3));
        var mail = await app.Mail.WaitForAsync(therapist.Email, m => m.Subject == "Urgent: sign in to Rapport now");

        Assert.Contains("https://rapport.test/alerts/", mail.TextBody, StringComparison.Ordinal);
        await AssertSaysNothingClinicalAsync(mail, patient);
    }

    [Fact]
    public async Task APatientWithoutATherapistHasTheAdminsAlertedAtOnce()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var result = await (await api.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(0, 0, 0, 0, 0, 0, 0, 0, 1))).Content.ReadFromJsonAsync<JsonElement>();
        var responseId = result.GetProperty("id").GetGuid();
        var alert = await app.QueryAsync(db => db.SafetyAlerts.AsNoTracking().SingleAsync(a => a.ResponseId == responseId));
        var mail = await app.Mail.WaitForAsync(admin.Email, m => m.Subject == "Sign in to Rapport today");

        Assert.Null(alert.AssignedTherapistId);
        Assert.Contains("You do not have a therapist with us yet", result.GetProperty("safety").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(RiskLevel.Elevated, alert.Level);
        Assert.Equal(alert.RaisedAt, alert.EscalatedAt);
        Assert.Contains("https://rapport.test/admin/alerts", mail.TextBody, StringComparison.Ordinal);
        await AssertSaysNothingClinicalAsync(mail, patient);
    }

    [Fact]
    public async Task APartlyAnsweredPhq9WithItem9AboveZeroStillRaisesTheAlert()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var patient = await app.PatientOfAsync(therapist);
        using var api = await app.ApiAsync(patient);

        var response = await api.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(null, null, null, null, null, null, null, null, 1));
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(result.GetProperty("complete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("total").ValueKind);
        Assert.Equal("Elevated", result.GetProperty("safety").GetProperty("riskLevel").GetString());
        Assert.True(result.GetProperty("safety").GetProperty("alertRaised").GetBoolean());
        Assert.NotEqual(0, result.GetProperty("safety").GetProperty("crisisResources").GetArrayLength());
        var alert = await app.QueryAsync(db => db.SafetyAlerts.AsNoTracking().SingleAsync(a => a.PatientId == patient.Id));
        Assert.Equal((RiskLevel.Elevated, therapist.Id), (alert.Level, alert.AssignedTherapistId));
        Assert.Equal(alert.RaisedAt.AddHours(4), alert.EscalateAt);
    }

    [Fact]
    public async Task NoRiskAnswerNoAlert()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var patient = await app.PatientOfAsync(therapist);
        using var api = await app.ApiAsync(patient);

        var result = await (await api.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(3, 3, 3, 3, 3, 3, 3, 3, 0))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Severe", result.GetProperty("band").GetString());
        Assert.False(result.GetProperty("safety").GetProperty("alertRaised").GetBoolean());
        Assert.False(await app.QueryAsync(db => db.SafetyAlerts.AnyAsync(a => a.PatientId == patient.Id)));
    }

    [Fact]
    public async Task APatientWithASafetyPlanIsPointedToIt()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.QueryAsync(async db =>
        {
            db.SafetyPlanVersions.Add(SafetyPlanVersion.Write(patient.Id, null,
                new SafetyPlanVersion.Steps("Not sleeping", null, null, "My sister", null, null, null), patient.Id, app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });
        using var api = await app.ApiAsync(patient);

        var result = await (await api.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(0, 0, 0, 0, 0, 0, 0, 0, 1))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("/safety-plan", result.GetProperty("safety").GetProperty("safetyPlanUrl").GetString());
    }

    [Fact]
    public async Task RaisingAnAlertIsAudited()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var patient = await app.PatientOfAsync(therapist);
        using var api = await app.ApiAsync(patient);

        await api.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(0, 0, 0, 0, 0, 0, 0, 0, 2));
        var alert = await app.QueryAsync(db => db.SafetyAlerts.AsNoTracking().SingleAsync(a => a.PatientId == patient.Id));
        var id = alert.Id.ToString();

        var row = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Action == AuditAction.SafetyAlertRaised && e.Subject == id));
        Assert.Equal(patient.Id, row.PatientId);
        Assert.Contains(therapist.Id.ToString(), row.Detail, StringComparison.Ordinal);
    }
}

public sealed class RiskAnswerTestsOnSqlite(SqliteApp app) : RiskAnswerTests(app);

public sealed class RiskAnswerTestsOnPostgres(PostgresApp app) : RiskAnswerTests(app);
