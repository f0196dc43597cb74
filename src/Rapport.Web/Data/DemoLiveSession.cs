using Microsoft.EntityFrameworkCore;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.LiveSessions;

namespace Rapport.Web.Data;

/// <summary>
/// Development only: on every start, Alex Rivera has a session with Sarah O'Connell whose join window is open, so a
/// newcomer can try a live call at once (README, "Try a live call"). The demo seed runs once; this step runs each time
/// and books only when no appointment of the two is joinable or about to be.
/// </summary>
public static class DemoLiveSession
{
    public const string Patient = "alex.rivera";
    public const string Therapist = "sarah.oconnell";

    /// <summary>Late enough that the booking is not in the past when saved, early enough that the window (15 minutes before) is open.</summary>
    public static readonly TimeSpan StartsIn = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan Length = TimeSpan.FromMinutes(50);
    private static readonly TimeSpan Buffer = TimeSpan.FromMinutes(10);

    /// <summary>The appointment it booked, or null: not Development, no demo accounts, one already joinable, or the therapist busy.</summary>
    public static async Task<Appointment?> EnsureAsync(IServiceProvider services, IHostEnvironment environment, ILogger log, CancellationToken ct = default)
    {
        if (!environment.IsDevelopment())
        {
            return null;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<Auditor>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();

        var patient = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == $"{Patient}@{DemoClinic.Domain}", ct);
        var therapist = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == $"{Therapist}@{DemoClinic.Domain}", ct);
        if (patient is null || therapist is null)
        {
            return null;
        }

        // Joinable now, or by the time the one this step would book opens: the window rule of LiveSessions (readme, rule 2).
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero) + StartsIn;
        var latestStart = start;
        var earliestEnd = now - JoinWindow.ClosesAfterEnd;
        if (await db.Appointments.AnyAsync(a => a.PatientId == patient.Id && a.TherapistId == therapist.Id && a.Status == AppointmentStatus.Booked
            && a.StartUtc <= latestStart && a.EndUtc >= earliestEnd, ct))
        {
            return null;
        }
        // Never double-book the demo therapist: another patient's session keeps its time.
        var blockedUntil = start + Length + Buffer;
        if (await db.Appointments.AnyAsync(a => a.TherapistId == therapist.Id && a.Status == AppointmentStatus.Booked
            && a.StartUtc < blockedUntil && start < a.BlockedUntilUtc, ct))
        {
            log.LogInformation("The demo therapist is busy now; no live session was booked for the demo.");
            return null;
        }

        var appointment = Appointment.Book(therapist.Id, patient.Id, start, Length, Buffer, AppointmentKind.Session, now);
        db.Appointments.Add(appointment);
        audit.Stage(AuditAction.AppointmentBooked, userId: therapist.Id, subject: appointment.Id.ToString(),
            detail: $"demo live session with therapist {therapist.Id}", patientId: patient.Id);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Booked the demo live session of {Patient} with {Therapist} at {Start:u}.", Patient, Therapist, start);
        return appointment;
    }
}
