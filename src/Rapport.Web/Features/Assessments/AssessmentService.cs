using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Notifications;

namespace Rapport.Web.Features.Assessments;

/// <summary>
/// Taking answers: check who may answer, validate, score, store, and when an answer is critical raise the
/// safety alert in the same transaction (an answer never exists without its alert), through <see cref="IRiskAlarm"/>.
/// </summary>
public sealed class AssessmentService(AppDbContext db, CareAccess care, IRiskAlarm alarm, IAnswerWatch watch, Outbox outbox, Auditor audit, TimeProvider clock,
    LicensedInstrumentTexts licensedTexts)
{
    public sealed record Submission(Guid PatientId, string InstrumentId, IReadOnlyList<int?>? Answers, Guid? SubmissionId);

    public sealed record Outcome(AssessmentResponse Response, ScoredResponse Score, RaisedAlarm? Alert, bool WasAlreadyStored);

    /// <summary>The instrument if it may be used here now; otherwise a clear refusal (unknown, unlicensed, not shipped).</summary>
    public async Task<Instrument> OfferedAsync(string instrumentId, CancellationToken ct)
    {
        var instrument = InstrumentCatalog.Find(instrumentId) ?? throw new NotFoundException($"There is no instrument called '{instrumentId}'.");
        if (instrument.Licence == LicenceKind.Restricted)
        {
            var licence = await db.InstrumentLicences.AsNoTracking().FirstOrDefaultAsync(l => l.InstrumentId == instrument.Id, ct);
            if (licence is null || !licence.IsValidOn(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
            {
                throw new RuleViolationException(AssessmentRules.LicenceRequired,
                    $"{instrument.ShortName} may be used online only under a licence, and this clinic has not recorded one.");
            }
            if (!instrument.ContentBundled)
            {
                throw new RuleViolationException(AssessmentRules.ContentNotBundled,
                    $"{instrument.ShortName} is licensed, but its licensed form has not been loaded into Rapport.");
            }
            return licensedTexts.For(instrument)
                ?? throw new RuleViolationException(AssessmentRules.LicensedTextsMissing, licensedTexts.Problem(instrument));
        }
        return instrument;
    }

    /// <summary>The instruments that may be used now (public ones, and restricted ones with a current licence and content).</summary>
    public async Task<IReadOnlyList<Instrument>> OfferedListAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var licences = await db.InstrumentLicences.AsNoTracking().ToListAsync(ct);
        return [.. InstrumentCatalog.All.Where(i => i.Licence != LicenceKind.Restricted
            || (i.ContentBundled && licences.Any(l => l.InstrumentId == i.Id && l.IsValidOn(today))))
            .Select(licensedTexts.For).OfType<Instrument>()];
    }

    /// <summary>
    /// Stores one response. The caller is the patient (self-report, for themself only) or the patient's therapist
    /// (clinician-rated instruments). Anyone else gets a 404, as if the patient did not exist.
    /// </summary>
    public async Task<Outcome> SubmitAsync(Guid callerId, bool callerIsTherapist, Submission submission, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var instrument = await OfferedAsync(submission.InstrumentId, ct);
        if (instrument.Rater == Rater.Patient)
        {
            if (callerId != submission.PatientId)
            {
                throw new NotFoundException();
            }
        }
        else
        {
            if (!callerIsTherapist)
            {
                throw new RuleViolationException(AssessmentRules.WrongRater, $"{instrument.ShortName} is rated by the therapist in a session.");
            }
            if (!(await care.StandingAsync(callerId, submission.PatientId, ct)).ActsInCare)
            {
                throw new NotFoundException();
            }
        }

        ScoredResponse scored;
        try
        {
            scored = InstrumentScoring.Score(instrument, submission.Answers);
        }
        catch (InputValidationException e)
        {
            // Answers that do not fit are refused by every entry point alike, and the refusal is recorded here, once.
            await audit.RecordAsync(AuditAction.AssessmentSubmitFailed, AuditOutcome.Failure, subject: instrument.Id, patientId: submission.PatientId,
                detail: e.Message, ct: ct);
            throw;
        }
        if (scored.Answers.All(a => a is null))
        {
            throw new RuleViolationException(AssessmentRules.NothingAnswered, "Choose an answer to at least one question, then send the form.");
        }
        var submissionId = submission.SubmissionId ?? Guid.NewGuid();
        var fingerprint = AssessmentResponse.Fingerprint(instrument.Id, scored.Answers);
        if (await StoredAsync(submission.PatientId, submissionId, ct) is { } earlier)
        {
            return await SameAnswersOrRefuseAsync(earlier, submission.PatientId, scored, fingerprint, ct);
        }

        var now = clock.GetUtcNow();
        if (await SentAgainAsync(submission.PatientId, callerId, instrument.Id, fingerprint, now, ct) is { } sentAgain)
        {
            return sentAgain;
        }
        var request = instrument.Rater == Rater.Patient
            ? await db.MeasureRequests.Where(r => r.PatientId == submission.PatientId && r.InstrumentId == instrument.Id && r.ResponseId == null)
                .OrderBy(r => r.RequestedAt).FirstOrDefaultAsync(ct)
            : null;
        var response = AssessmentResponse.Record(submission.PatientId, callerId, scored, submissionId, now, request?.Id);
        db.AssessmentResponses.Add(response);
        request?.AnsweredBy(response);

        var alert = await RaiseIfCriticalAsync(submission.PatientId, response.Id, scored, ct);

        // The form, any alert it raises and their audit entries commit together.
        audit.Stage(AuditAction.AssessmentSubmitted, subject: response.Id.ToString(), patientId: response.PatientId,
            detail: $"{instrument.Id}{(scored.IsComplete ? "" : " incomplete")}");
        var courseAlerted = instrument.Rater == Rater.Patient && await watch.WatchAsync(response, ct);
        StageRaised(alert);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same form arrived twice at once: the first one stored it, so this one answers with it.
            db.ChangeTracker.Clear();
            if (await StoredAsync(submission.PatientId, submissionId, ct) is { } raced)
            {
                return await SameAnswersOrRefuseAsync(raced, submission.PatientId, scored, fingerprint, ct);
            }
            throw;
        }

        if (courseAlerted || alert is not null)
        {
            outbox.SendSoon();
        }
        return new Outcome(response, scored, alert, WasAlreadyStored: false);
    }

    /// <summary>
    /// A submission id seen before: the same answers get the first outcome again; different answers are refused
    /// (<see cref="AssessmentRules.IdempotencyKeyReused"/>), but a risk answer among them still raises its alert, tied to no
    /// stored response, because a refused form must never hide what the patient told us (Safety readme, rule 2).
    /// </summary>
    private async Task<Outcome> SameAnswersOrRefuseAsync(Outcome earlier, Guid patientId, ScoredResponse scored, string fingerprint, CancellationToken ct)
    {
        if (earlier.Response.HasAnswers(fingerprint))
        {
            return earlier;
        }
        var alert = await RaiseIfCriticalAsync(patientId, responseId: null, scored, ct);
        if (alert is not null)
        {
            StageRaised(alert);
            await db.SaveChangesAsync(ct);
            outbox.SendSoon();
        }
        await audit.RecordAsync(AuditAction.AssessmentSubmitFailed, AuditOutcome.Failure, subject: earlier.Response.Id.ToString(), patientId: patientId,
            detail: $"{scored.Instrument.Id}: {AssessmentRules.IdempotencyKeyReused}", ct: ct);
        throw new RuleViolationException(AssessmentRules.IdempotencyKeyReused,
            "These answers were sent with the key of an earlier form that had different answers, so they were not stored. The first answers are kept. To send new answers, open the questionnaire again.");
    }

    /// <summary>Adds the alert for a patient's risk answer to this unit of work. A clinician rating is made by the clinician, who already knows; the alert path is for what a patient tells us alone.</summary>
    private async Task<RaisedAlarm?> RaiseIfCriticalAsync(Guid patientId, Guid? responseId, ScoredResponse scored, CancellationToken ct)
    {
        if (scored.Instrument.Rater != Rater.Patient || scored.CriticalAnswers.Count == 0)
        {
            return null;
        }
        var worst = scored.CriticalAnswers.MaxBy(c => c.Level)!;
        return await alarm.RaiseAsync(patientId, responseId, scored.Instrument.Id, worst, ct);
    }

    private void StageRaised(RaisedAlarm? alert)
    {
        if (alert is null)
        {
            return;
        }
        audit.Stage(AuditAction.SafetyAlertRaised, subject: alert.AlertId.ToString(), patientId: alert.PatientId,
            detail: $"{alert.Level}; notified {(alert.NotifiedTherapistId is null ? "admins" : "therapist " + alert.NotifiedTherapistId)}{(alert.ResponseId is null ? "; answers not stored (resubmission refused)" : "")}");
    }

    /// <summary>How long the same answers from the same person count as the same form sent again.</summary>
    public static readonly TimeSpan SentAgainWindow = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The same answers to the same instrument from the same person, a few minutes after their last response, under a new
    /// key: the form opened again (Back after sending reloads it with a new submission id and the browser fills the
    /// answers back in) and sent again. It answers with the first outcome instead of storing a second response and
    /// raising a second alert for one moment of the patient's week (readme, rule 9). Different answers are a new response.
    /// </summary>
    private async Task<Outcome?> SentAgainAsync(Guid patientId, Guid callerId, string instrumentId, string fingerprint, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - SentAgainWindow;
        var last = await db.AssessmentResponses.AsNoTracking()
            .Where(r => r.PatientId == patientId && r.InstrumentId == instrumentId && r.SubmittedAt >= since)
            .OrderByDescending(r => r.SubmittedAt).FirstOrDefaultAsync(ct);
        return last is not null && last.SubmittedById == callerId && last.HasAnswers(fingerprint)
            ? await StoredAsync(patientId, last.SubmissionId, ct)
            : null;
    }

    private async Task<Outcome?> StoredAsync(Guid patientId, Guid submissionId, CancellationToken ct)
    {
        var stored = await db.AssessmentResponses.AsNoTracking().FirstOrDefaultAsync(r => r.PatientId == patientId && r.SubmissionId == submissionId, ct);
        if (stored is null)
        {
            return null;
        }
        var instrument = InstrumentCatalog.Find(stored.InstrumentId)!;
        var alert = await alarm.ForResponseAsync(stored.Id, ct);
        return new Outcome(stored, InstrumentScoring.Score(instrument, stored.AnswerList()), alert, WasAlreadyStored: true);
    }
}
