using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Messaging;
using Rapport.Web.Features.Safety;
using Rapport.Web.Features.TreatmentCourses;
using Rapport.Web.Infrastructure;

namespace Rapport.Web.Features.DataRights;

/// <summary>
/// The patient's readable copy of their records (readme, rule 9): their details, consents, appointments, questionnaire
/// scores, their course as "My plan" shows it, their messages and their safety plan. It shows exactly what the patient's
/// own pages show and nothing the clinician keeps for themself (the working diagnosis, the clinician's notes, the
/// inventory's clinical wording, the fidelity ratings). Reads only; the endpoint's declared audit records the read.
/// The file name says only "records", so a download list on a shared phone tells nobody what it is.
/// </summary>
public sealed class RecordsCopy(AccountErasure accounts, PeopleNames people, AssessmentRecords assessments, AppointmentRecords appointmentRecords,
    ConversationRecords conversationRecords, SafetyRecords safety, MeasurementHistory measures, PatientPlans plans, TimeProvider clock)
{
    public const string FileName = "rapport-records.pdf";

    public async Task<byte[]> PdfAsync(Guid patientId, CancellationToken ct)
    {
        var me = await accounts.DetailsAsync(patientId, ct) ?? throw new NotFoundException();
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(me.TimeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        var culture = CultureInfo.InvariantCulture;
        string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("d MMMM yyyy", culture);
        string When(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("d MMMM yyyy, HH:mm", culture);

        var consents = await assessments.ConsentsOfAsync(patientId, ct);
        var appointments = await appointmentRecords.OfPatient(patientId).OrderBy(a => a.StartUtc)
            .Select(a => new { a.StartUtc, a.Status, a.TherapistId }).ToListAsync(ct);
        var series = (await measures.ForPatientAsync(patientId, ct)).Where(s => s.Instrument.Rater == Rater.Patient).ToList();
        var plan = await plans.LatestAsync(patientId, ct);
        var clinicianOf = await conversationRecords.CliniciansOfAsync(patientId, ct);
        var messages = await conversationRecords.MessagesAsync([.. clinicianOf.Keys], withRetracted: false, ct);
        var safetyPlan = await safety.CurrentPlanOfAsync(patientId, ct);
        var names = await people.OfAsync(appointments.Select(a => a.TherapistId).Concat(clinicianOf.Values), ct);
        string Name(Guid id) => names.TryGetValue(id, out var name) ? name : "Rapport";

        using var document = new PdfDocument();
        document.Info.Title = "My records";
        document.Info.Creator = "Rapport";
        var pdf = new PdfFlow(document, "Private");
        pdf.Title("My records at Rapport");
        pdf.Muted($"Made {When(clock.GetUtcNow())} ({zone.Id}) for {me.DisplayName}. Times are in your time zone.");

        pdf.Heading("My details");
        pdf.Line($"Name: {me.DisplayName}");
        pdf.Line($"E-mail: {me.Email}");
        pdf.Line($"Phone: {(me.PhoneNumber is { } phone ? InternationalPhone.Display(phone) : "not given")}");
        pdf.Line($"Country: {me.CountryCode} · time zone: {me.TimeZoneId} · language: {me.PreferredLanguage}");
        pdf.Line($"Account created {Day(me.CreatedAt)}.");

        pdf.Heading("My consents");
        if (consents.Count == 0)
        {
            pdf.Line("None given yet.");
        }
        foreach (var consent in consents)
        {
            pdf.Bullet($"{ConsentTexts.For(consent.Kind).Title} (version {consent.Version}): given {Day(consent.GivenAt)}"
                + (consent.WithdrawnAt is { } withdrawn ? $", withdrawn {Day(withdrawn)}." : ", still given."));
        }

        pdf.Heading("My appointments");
        if (appointments.Count == 0)
        {
            pdf.Line("None yet.");
        }
        foreach (var a in appointments)
        {
            pdf.Bullet($"{When(a.StartUtc)} with {Name(a.TherapistId)}: {StatusWords(a.Status)}");
        }

        pdf.Heading("My questionnaire scores");
        if (series.Count == 0)
        {
            pdf.Line("No questionnaires answered yet.");
        }
        foreach (var s in series)
        {
            pdf.SubHeading($"{s.Instrument.ShortName} (scores from 0 to {s.Instrument.MaxTotal})");
            foreach (var point in s.Points)
            {
                pdf.Bullet(point.Total is { } total ? $"{Day(point.SubmittedAt)}: score {total}" : $"{Day(point.SubmittedAt)}: not scored (some answers missing)");
            }
        }

        pdf.Heading("My plan");
        if (plan is null)
        {
            pdf.Line("No course of sessions yet.");
        }
        else
        {
            pdf.Line($"With {plan.TherapistName}, since {Day(plan.Course.OpenedAt)}: {StageWords(plan.Course.Phase)}.");
            if (plan.Course.ContractedSessions is { } sessions)
            {
                pdf.Line($"Sessions agreed: {sessions}.");
            }
            if (plan.Formulation?.WordingForPatient is { } wording)
            {
                pdf.SubHeading("What we are working on");
                pdf.Paragraph(wording);
            }
            if (plan.CurrentTask is { } task)
            {
                pdf.SubHeading("My task between sessions");
                pdf.Paragraph(task);
            }
        }

        pdf.Heading("My messages");
        if (messages.Count == 0)
        {
            pdf.Line("No messages.");
        }
        foreach (var m in messages)
        {
            pdf.SubHeading($"{When(m.SentAt)}, {(m.SentByPatient ? "me" : Name(clinicianOf[m.ConversationId]))}:");
            pdf.Paragraph(m.Text);
        }

        pdf.Heading("My safety plan");
        if (safetyPlan is null)
        {
            pdf.Line("No plan written yet.");
        }
        else
        {
            pdf.Muted($"Version {safetyPlan.Version}, written {Day(safetyPlan.CreatedAt)}.");
            SafetyPlanPdf.WriteSteps(pdf, safetyPlan);
        }
        pdf.Muted("The same records in a form other programs can read: \"Download your records (FHIR JSON)\" on the same page.");
        return pdf.Finish();
    }

    private static string StatusWords(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => "booked",
        AppointmentStatus.Cancelled or AppointmentStatus.LateCancelled => "cancelled",
        AppointmentStatus.NoShow => "missed",
        AppointmentStatus.Attended => "held",
        _ => status.ToString(),
    };

    /// <summary>The stage of the course in the patient's words: none of the clinician's phase names (TreatmentCourses readme).</summary>
    private static string StageWords(CoursePhase phase) => phase switch
    {
        CoursePhase.Assessment => "first conversations",
        CoursePhase.Initial => "getting started",
        CoursePhase.Middle => "working on the focus",
        CoursePhase.Termination => "ending well",
        CoursePhase.Maintenance => "staying well",
        CoursePhase.Closed => "completed",
        CoursePhase.EndedEarly => "ended early",
        CoursePhase.Transferred => "moved to another therapist",
        _ => "under way",
    };
}
