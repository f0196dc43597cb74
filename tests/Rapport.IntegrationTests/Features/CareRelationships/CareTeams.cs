using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.IntegrationTests.Features.CareRelationships;

/// <summary>
/// Care set up the way the clinic does it: relationships through their own transitions and the JSON API, cover by
/// the responsible clinician, supervision and the clinical-lead rota through the service the admin pages call.
/// </summary>
public static class CareTeams
{
    /// <summary>An intake whose private parts (medication, emergency contact) are easy to look for on a page.</summary>
    public const string WhatBringsThem = "I have felt flat since the move and cannot face my colleagues.";
    public const string Medication = "Sertraline 100 mg every morning";
    public const string EmergencyContact = "Ingrid Halvorsen";
    public const string EmergencyPhone = "+49 30 9876543";

    public static async Task<Intake> PrivateIntakeAsync(this RapportApp app, TestAccount patient)
    {
        var now = app.Clock.GetUtcNow();
        var intake = Intake.Complete(patient.Id, new Intake.Details(WhatBringsThem, new DateOnly(now.Year, now.Month, 1).AddMonths(-3),
            "Counselling in 2019.", Medication, EmergencyContact, "Sister", EmergencyPhone, "DE", "Berlin, Neukölln"), now);
        await app.QueryAsync(async db =>
        {
            db.Intakes.Add(intake);
            return await db.SaveChangesAsync();
        });
        return intake;
    }

    public static async Task<T> WithCareAsync<T>(this RapportApp app, Func<CareRelationshipService, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CareRelationshipService>());
    }

    /// <summary>The admin assigns <paramref name="supervisor"/> to supervise <paramref name="therapist"/>.</summary>
    public static async Task SuperviseAsync(this RapportApp app, TestAccount supervisor, TestAccount therapist)
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        await app.WithCareAsync(care => care.AssignSupervisorAsync(supervisor.Id, therapist.Id, admin.Id, CancellationToken.None));
    }

    /// <summary>The admin puts the clinician on duty as clinical lead from a minute ago for a day.</summary>
    public static async Task OnDutyAsLeadAsync(this RapportApp app, TestAccount clinician)
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        var now = app.Clock.GetUtcNow();
        await app.WithCareAsync(care => care.PlanLeadShiftAsync(clinician.Id, now.AddMinutes(-1), now.AddDays(1), admin.Id, CancellationToken.None));
    }

    /// <summary>An enquiry whose first conversation took place a week ago, so the clinician may now decide about care.</summary>
    public static Task<Guid> MetForAFirstConversationAsync(this RapportApp app, TestAccount clinician, TestAccount patient) =>
        app.QueryAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            var enquiry = CareRelationship.OpenEnquiry(patient.Id, clinician.Id, now.AddDays(-7), now.AddDays(-8));
            db.CareRelationships.Add(enquiry);
            await db.SaveChangesAsync();
            return enquiry.Id;
        });

    /// <summary>The responsible clinician arranges cover by a colleague from a minute ago for a week, through the API.</summary>
    public static async Task<HttpResponseMessage> ArrangeCoverAsync(this Visitor responsibleApi, Guid relationshipId, TestAccount colleague, RapportApp app)
    {
        var now = app.Clock.GetUtcNow();
        return await responsibleApi.Http.PostAsJsonAsync($"/api/v1/care-relationships/{relationshipId}/cover",
            new { coveringClinicianId = colleague.Id, startsAt = now.AddMinutes(-1), endsAt = now.AddDays(7) });
    }

    public static Task<HttpResponseMessage> CareActionAsync(this Visitor api, Guid relationshipId, string action, object? body = null) =>
        api.Http.PostAsJsonAsync($"/api/v1/care-relationships/{relationshipId}/{action}", body ?? new { });

    /// <summary>The first bookable time at least <paramref name="after"/> from now, as the booking page offers it.</summary>
    public static async Task<DateTimeOffset> FirstSlotAsync(this Visitor api, RapportApp app, TestAccount therapist, TimeSpan? after = null)
    {
        var from = app.Clock.GetUtcNow() + (after ?? TimeSpan.FromHours(1));
        var slots = await api.Http.GetFromJsonAsync<JsonElement>(
            $"/api/v1/therapists/{therapist.Id}/slots?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(from.AddDays(3).ToString("O"))}");
        return slots.EnumerateArray().First().GetProperty("startUtc").GetDateTimeOffset();
    }

    /// <summary>The patient books the first offered time with the therapist through POST /api/v1/appointments.</summary>
    public static async Task<HttpResponseMessage> BookThroughApiAsync(this Visitor patientApi, RapportApp app, TestAccount therapist, TimeSpan? after = null) =>
        await patientApi.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start = await patientApi.FirstSlotAsync(app, therapist, after) });

    /// <summary>The <c>rule</c> a refusal names, after checking it is a ProblemDetails with the expected status.</summary>
    public static async Task<string?> RuleAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.Conflict)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("rule", out var rule) ? rule.GetString() : null;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
