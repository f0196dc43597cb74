using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Assessments;

/// <summary>
/// A patient completes or updates their intake: the answers, the life events they wrote, their consents, and the
/// country and phone every later page and appointment reads, with the audit entries, commit together or not at all.
/// </summary>
public sealed class IntakeRecording(AppDbContext db, PatientConsents consents, AccountContact contact, Auditor audit, TimeProvider clock)
{
    public enum Outcome
    {
        Saved,
        /// <summary>The same first intake was sent twice at once (two taps, two tabs): the first one is stored.</summary>
        AlreadySent,
    }

    /// <param name="events">The life events the patient lists now: they replace the ones the patient wrote before; events a therapist recorded stay.</param>
    public async Task<Outcome> SaveAsync(Guid patientId, Intake.Details details, IReadOnlyList<LifeEvent> events,
        Func<ConsentKind, bool> agrees, string? phoneNumber, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var intake = await db.Intakes.SingleOrDefaultAsync(i => i.PatientId == patientId, ct);
        var isNew = intake is null;
        try
        {
            if (intake is null)
            {
                intake = Intake.Complete(patientId, details, now);
                db.Intakes.Add(intake);
            }
            else
            {
                intake.Update(details, now);
            }
        }
        catch (RuleViolationException)
        {
            db.ChangeTracker.Clear();
            throw;
        }

        db.LifeEvents.RemoveRange(await db.LifeEvents.Where(e => e.PatientId == patientId && e.RecordedById == patientId).ToListAsync(ct));
        db.LifeEvents.AddRange(events);
        await consents.StageAsync(patientId, agrees, only: null, ct);

        audit.Stage(AuditAction.IntakeSaved, subject: patientId.ToString(), patientId: patientId,
            detail: $"{(isNew ? "completed" : "updated")}; {events.Count} life events");
        try
        {
            // The crisis numbers follow the country: the profile's country is the one every page reads.
            await contact.StageAsync(patientId, intake.CountryCode, phoneNumber, "intake", ct);
        }
        catch (RuleViolationException)
        {
            // A phone number that cannot be dialled refuses the whole intake: nothing staged above may be saved later.
            db.ChangeTracker.Clear();
            throw;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (isNew)
        {
            db.ChangeTracker.Clear();
            return Outcome.AlreadySent;
        }
        return Outcome.Saved;
    }
}
