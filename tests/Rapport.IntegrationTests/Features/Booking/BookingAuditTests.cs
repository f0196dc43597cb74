using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.IntegrationTests.Features.Booking;

/// <summary>
/// The booking operations audit themselves (Audit readme, "audit where the action happens"), so a change made through
/// the JSON API leaves the same row as one made on a page: the caller, the patient and the appointment.
/// </summary>
public abstract class BookingAuditTests(RapportApp app)
{
    private async Task<(Visitor Api, TestAccount Patient, TestAccount Therapist, Guid AppointmentId, Slot Slot)> BookedThroughTheApiAsync()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromDays(3));
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var api = app.NewClient();
        await api.ApiTokenAsync(patient);
        var response = await api.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start = slot.StartUtc });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (api, patient, therapist, id, slot);
    }

    private Task<bool> AuditedAsync(string action, Guid userId, Guid patientId, Guid appointmentId, string outcome = AuditOutcome.Success) =>
        app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == action && e.Outcome == outcome && e.UserId == userId
            && e.PatientId == patientId && e.Subject == appointmentId.ToString()));

    [Fact]
    public async Task BookingThroughTheApiIsAudited()
    {
        var (api, patient, _, id, _) = await BookedThroughTheApiAsync();
        using var _ = api;

        Assert.True(await AuditedAsync(AuditAction.AppointmentBooked, patient.Id, patient.Id, id));
    }

    [Fact]
    public async Task CancellingThroughTheApiIsAudited()
    {
        var (api, patient, _, id, _) = await BookedThroughTheApiAsync();
        using var _ = api;

        var response = await api.Http.PostAsync($"/api/v1/appointments/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await AuditedAsync(AuditAction.AppointmentCancelled, patient.Id, patient.Id, id));
    }

    [Fact]
    public async Task ReschedulingThroughTheApiIsAudited()
    {
        var (api, patient, _, id, slot) = await BookedThroughTheApiAsync();
        using var _ = api;
        var newStart = slot.StartUtc.AddDays(1);

        var response = await api.Http.PostAsJsonAsync($"/api/v1/appointments/{id}/reschedule", new { start = newStart });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.AppointmentRescheduled
            && e.Outcome == AuditOutcome.Success && e.UserId == patient.Id && e.PatientId == patient.Id && e.Subject == id.ToString()
            && e.Detail == $"to {newStart:O}")));
    }

    [Fact]
    public async Task ARefusedRescheduleThroughTheApiIsAuditedAsAFailureAndNothingMoves()
    {
        var (api, patient, _, id, slot) = await BookedThroughTheApiAsync();
        using var _ = api;

        var response = await api.Http.PostAsJsonAsync($"/api/v1/appointments/{id}/reschedule", new { start = slot.StartUtc.AddMinutes(7) });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.True(await AuditedAsync(AuditAction.AppointmentRescheduled, patient.Id, patient.Id, id, AuditOutcome.Failure));
        Assert.False(await AuditedAsync(AuditAction.AppointmentRescheduled, patient.Id, patient.Id, id));
    }

    [Fact]
    public async Task ASeriesBookedThroughTheApiIsAuditedPerAppointmentAsTheClinicians()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromDays(1));
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.AcceptIntoCareAsync(therapist, patient);
        using var api = app.NewClient();
        await api.ApiTokenAsync(therapist);

        var response = await api.Http.PostAsJsonAsync("/api/v1/appointments/series", new { patientId = patient.Id, firstStart = slot.StartUtc, count = 3 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ids = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToArray();
        Assert.Equal(3, ids.Length);
        foreach (var id in ids)
        {
            Assert.True(await AuditedAsync(AuditAction.AppointmentBooked, therapist.Id, patient.Id, id));
        }
    }
}

public sealed class BookingAuditTestsOnSqlite(SqliteApp app) : BookingAuditTests(app);

public sealed class BookingAuditTestsOnPostgres(PostgresApp app) : BookingAuditTests(app);
