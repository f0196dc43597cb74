using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Calendars;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Platform;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.Web.Features.DataRights;

/// <summary>
/// The erasure request's use cases (readme, rules 1–6): the patient asks (with their password) and may cancel during the
/// grace period; the scheduled job carries it out. Each checks whose request it is, changes the entities through their
/// guarded methods, stages the audit entry, queues the e-mail and saves once.
/// </summary>
public sealed class ErasureRequests(AppDbContext db, Auditor audit, Outbox outbox, AccountErasure accounts, AppointmentRecords appointments, CourseRecords courses,
    CalendarSubscriptions calendars, IPasswordHasher<RapportUser> hasher, TimeProvider clock,
    IOptions<DataRightsOptions> options, IOptions<RetentionOptions> retention, IConfiguration config, ILogger<ErasureRequests> log)
{
    private string PageLink => config.PublicBaseUrl() + DataRightsSetup.PagePath;

    /// <summary>The patient's latest request, or null: what the page shows. Reads only.</summary>
    public Task<ErasureRequest?> LatestAsync(Guid patientId, CancellationToken ct) =>
        db.ErasureRequests.AsNoTracking().Where(r => r.PatientId == patientId).OrderByDescending(r => r.RequestedAt).FirstOrDefaultAsync(ct);

    /// <summary>Rule 1: asked by the patient themself, confirmed with their password.</summary>
    public async Task<ErasureRequest> RequestAsync(Guid patientId, string? password, CancellationToken ct)
    {
        var me = await accounts.UnerasedAsync(patientId, ct) ?? throw new NotFoundException();
        var check = me.PasswordHash is { } hash && !string.IsNullOrEmpty(password)
            ? hasher.VerifyHashedPassword(me, hash, password) : PasswordVerificationResult.Failed;
        if (check == PasswordVerificationResult.Failed)
        {
            // A wrong password from a signed-in session is worth a row: someone else may be holding the phone.
            await audit.RecordAsync(AuditAction.ErasureRequested, AuditOutcome.Denied, userId: patientId, patientId: patientId,
                detail: "wrong password", ct: ct);
            throw new RuleViolationException(DataRightsRules.PasswordRequired, "That is not your password. Enter the password you sign in with.");
        }
        var pending = await db.ErasureRequests.AnyAsync(r => r.PatientId == patientId && r.Status == ErasureStatus.Pending, ct);
        var request = ErasureRequest.Request(patientId, pending, options.Value.Grace, clock.GetUtcNow());
        db.ErasureRequests.Add(request);
        audit.Stage(AuditAction.ErasureRequested, userId: patientId, patientId: patientId, subject: request.Id.ToString(),
            detail: $"carry out after {request.CarryOutAfter:O}");
        if (me.Email is { } email)
        {
            outbox.Queue(email, me.DisplayName, DataRightsMail.ErasureRequested(me.DisplayName, request.CarryOutAfter, PageLink));
        }
        await db.SaveChangesAsync(ct);
        outbox.SendSoon();
        return request;
    }

    /// <summary>Rule 2: only the patient's own pending request, and only within the grace period; anyone else's is a 404.</summary>
    public async Task CancelAsync(Guid patientId, Guid requestId, CancellationToken ct)
    {
        var request = await db.ErasureRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.PatientId == patientId, ct)
            ?? throw new NotFoundException();
        var me = await accounts.OfAsync(patientId, ct);
        request.Cancel(clock.GetUtcNow());
        audit.Stage(AuditAction.ErasureCancelled, userId: patientId, patientId: patientId, subject: request.Id.ToString());
        if (me.Email is { } email)
        {
            outbox.Queue(email, me.DisplayName, DataRightsMail.ErasureCancelled(me.DisplayName, PageLink));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new RuleViolationException(DataRightsRules.CancelOnlyWhilePending, "This request changed a moment ago. Reload the page.");
        }
        outbox.SendSoon();
    }

    /// <summary>
    /// Rule 3: every request whose grace period is over, carried out one by one, each in its own transaction. A patient
    /// with an appointment still booked ahead waits (rule 3a): their clinician expects them, so nothing is erased under them.
    /// </summary>
    public async Task<int> CarryOutDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ahead = appointments.BookedNotOver(now);
        var due = await db.ErasureRequests
            .Where(r => r.Status == ErasureStatus.Pending && r.CarryOutAfter <= now && !ahead.Any(a => a.PatientId == r.PatientId))
            .OrderBy(r => r.CarryOutAfter).Select(r => r.Id).Take(50).ToListAsync(ct);
        var done = 0;
        foreach (var id in due)
        {
            // Each request is read in its own unit of work: the one before was cleared from the tracker.
            var request = await db.ErasureRequests.SingleAsync(r => r.Id == id, ct);
            try
            {
                await CarryOutAsync(request, now, ct);
                done++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another instance carried it out, or the patient cancelled at the last moment: theirs stands.
                log.LogInformation("Erasure request {RequestId} changed meanwhile; left as it is.", request.Id);
            }
            db.ChangeTracker.Clear();
        }
        if (done > 0)
        {
            outbox.SendSoon();
        }
        return done;
    }

    private async Task CarryOutAsync(ErasureRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var patientId = request.PatientId;
        var user = await accounts.OfAsync(patientId, ct);
        var keptUntil = retention.Value.EndsAt(await RetentionClock.LastClinicalContactAsync(courses, appointments, patientId, ct) ?? now, user.CountryCode);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // What is not clinical (readme, rule 4): the address in the outbox's history, sign-ins, second-factor keys and
        // recovery codes, external logins, calendar feed tokens and remembered API replies.
        var emails = user.Email is { } address ? await outbox.ForgetAddressAsync(address, ct) : 0;
        var signIns = await accounts.ForgetSignInsAsync(patientId, ct);
        var counts = new Dictionary<string, int>
        {
            ["e-mails"] = emails,
            ["sign-in sessions"] = signIns.Sessions,
            ["identity tokens"] = signIns.IdentityTokens,
            ["external logins"] = signIns.ExternalLogins,
            ["claims"] = signIns.Claims,
            ["calendar feeds"] = await calendars.ForgetPersonAsync(patientId, ct),
            ["idempotency records"] = await appointments.ForgetRepliesAsync(patientId, ct),
        };
        // The last e-mail to the address, queued before the address is erased; the outbox forgets the address once it is sent.
        if (user.Email is { } email)
        {
            outbox.Queue(email, user.DisplayName, DataRightsMail.ErasureCarriedOut(user.DisplayName, keptUntil), forgetAddressWhenSent: true);
        }
        user.EraseSignIn(now, keptUntil);
        request.CarryOut(now, keptUntil);
        audit.Stage(AuditAction.ErasureCarriedOut, patientId: patientId, subject: request.Id.ToString(),
            detail: $"records kept until {keptUntil:O}; erased: " + string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}

/// <summary>Rule 7: the clock of retention starts at the last clinical contact.</summary>
public static class RetentionClock
{
    /// <summary>
    /// The later of the end of the patient's last course and the end of their last appointment that was not cancelled in
    /// time; null when there was neither. An open course has no end yet, which the purge refuses on its own (rule 8).
    /// </summary>
    public static async Task<DateTimeOffset?> LastClinicalContactAsync(CourseRecords courses, AppointmentRecords appointments, Guid patientId, CancellationToken ct)
    {
        var courseEnd = await courses.LastEndAsync(patientId, ct);
        var appointmentEnd = await appointments.LastEndAsync(patientId, ct);
        return (courseEnd, appointmentEnd) switch
        {
            ({ } c, { } a) => c > a ? c : a,
            ({ } c, null) => c,
            (null, var a) => a,
        };
    }
}
