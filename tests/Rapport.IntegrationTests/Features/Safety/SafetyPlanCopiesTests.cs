using System.Net;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf.IO;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Safety;

namespace Rapport.IntegrationTests.Features.Safety;

/// <summary>The plan on a weak link: a one-page print version and a PDF to keep on the phone, for the patient and their clinicians only.</summary>
public abstract class SafetyPlanCopiesTests(RapportApp app)
{
    private static string Pdf(Guid patientId) => $"/patients/{patientId}/rapport-plan.pdf";

    private Task<int> WritePlanAsync(Guid patientId, Guid authorId) =>
        app.QueryAsync(async db =>
        {
            db.SafetyPlanVersions.Add(SafetyPlanVersion.Write(patientId, null,
                new("Not answering my phone", "Music, a hot shower", "The library", "My sister Ana", "My therapist", "Keep the tablets at Ana's", "Seeing my niece grow up"),
                authorId, app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });

    private async Task<Visitor> SignedInAsync(TestAccount account)
    {
        var browser = app.NewClient();
        await browser.SignInAsync(account);
        return browser;
    }

    [Fact]
    public async Task ThePrintVersionHoldsTheSixStepsTheReasonForLivingAndTheCountrysLinesWithoutTheMenu()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.SetCountryAsync(patient.Id, "JP");
        await WritePlanAsync(patient.Id, therapist.Id);
        using var browser = await SignedInAsync(patient);

        var page = await browser.GetAsync("/safety-plan/print");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("no-store", page.Response.Headers.CacheControl?.ToString());
        Assert.Contains("Seeing my niece grow up", page.Text, StringComparison.Ordinal);
        foreach (var heading in SafetyPlanVersion.StepHeadings)
        {
            Assert.Contains(heading, page.Text, StringComparison.Ordinal);
        }
        Assert.Contains("Keep the tablets at Ana's", page.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:119\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("TELL Lifeline", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<nav", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page.Html, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.SafetyPlanRead && e.PatientId == patient.Id && e.Subject == "GET /safety-plan/print")));
    }

    [Fact]
    public async Task ThePatientDownloadsTheirPlanAsAPdfWithAPlainNameThatIsNeverCachedAndTheReadIsAudited()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await WritePlanAsync(patient.Id, therapist.Id);
        using var browser = await SignedInAsync(patient);

        var response = await browser.Http.GetAsync(Pdf(patient.Id));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("rapport-plan.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.True(pdf.PageCount >= 1);
        Assert.Equal("My plan", pdf.Info.Title);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.SafetyPlanRead && e.PatientId == patient.Id && e.UserId == patient.Id && e.Outcome == AuditOutcome.Success)));
    }

    [Fact]
    public async Task ALongPlanFlowsOntoASecondPageInsteadOfBeingCutOff()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var step = string.Join(" ", Enumerable.Repeat("Ring Ana, then walk to the park and sit by the water.", 35));
        await app.QueryAsync(async db =>
        {
            db.SafetyPlanVersions.Add(SafetyPlanVersion.Write(patient.Id, null, new(step, step, step, step, step, step, step), patient.Id, app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });
        using var browser = await SignedInAsync(patient);

        var bytes = await browser.Http.GetByteArrayAsync(Pdf(patient.Id));

        using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.True(pdf.PageCount >= 3, $"{pdf.PageCount} pages");
    }

    [Fact]
    public async Task TheResponsibleClinicianGetsThePatientsPlanAsAPdf()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await WritePlanAsync(patient.Id, therapist.Id);
        using var browser = await SignedInAsync(therapist);

        var response = await browser.Http.GetAsync(Pdf(patient.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.SafetyPlanRead && e.PatientId == patient.Id && e.UserId == therapist.Id && e.Outcome == AuditOutcome.Success)));
    }

    [Fact]
    public async Task AnotherPatientGetsNotFoundForThePdf()
    {
        var (_, patient) = await app.PatientInCareAsync();
        var other = await app.CreateAccountAsync(Roles.Patient);
        using var browser = await SignedInAsync(other);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(Pdf(patient.Id))).Status);
    }

    [Fact]
    public async Task AClinicianWhoDoesNotCareForThePatientGetsNotFoundForThePdf()
    {
        var (_, patient) = await app.PatientInCareAsync();
        var (otherTherapist, _) = await app.PatientInCareAsync();
        using var browser = await SignedInAsync(otherTherapist);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(Pdf(patient.Id))).Status);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.SafetyPlanRead && e.UserId == otherTherapist.Id && e.PatientId == patient.Id && e.Outcome == AuditOutcome.Denied)));
    }

    [Fact]
    public async Task AnAdminGetsNotFoundForThePdf()
    {
        var (_, patient) = await app.PatientInCareAsync();
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = await SignedInAsync(admin);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(Pdf(patient.Id))).Status);
    }

    [Fact]
    public async Task SomeoneNotSignedInIsSentToSignInForThePdf()
    {
        var (_, patient) = await app.PatientInCareAsync();
        using var browser = app.NewClient();

        var page = await browser.GetAsync(Pdf(patient.Id));

        Assert.NotEqual(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("/account/sign-in", new Uri(new Uri("https://rapport.test"), page.Location ?? "/").AbsolutePath, StringComparison.Ordinal);
    }
}

public sealed class SafetyPlanCopiesTestsOnSqlite(SqliteApp app) : SafetyPlanCopiesTests(app);

public sealed class SafetyPlanCopiesTestsOnPostgres(PostgresApp app) : SafetyPlanCopiesTests(app);
