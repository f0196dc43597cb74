using System.Globalization;
using PdfSharp.Pdf;
using Rapport.Web.Features.Booking;
using Rapport.Web.Infrastructure;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// Renders a <see cref="TreatmentSummary"/> as an A4 PDF (<see cref="PdfFlow"/>: embedded font, measured wrap, pages as
/// needed); each page says it is confidential.
/// </summary>
public static class TreatmentSummaryPdf
{
    /// <param name="zone">The reader's zone: the time it was made is printed in it and named, as on the pages.</param>
    public static byte[] Render(TreatmentSummary summary, ViewerZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(summary);
        using var document = new PdfDocument();
        document.Info.Title = "Treatment summary";
        document.Info.Creator = "Rapport";
        var writer = new PdfFlow(document, "Confidential");
        var culture = CultureInfo.InvariantCulture;
        string Date(DateOnly? d) => d?.ToString("d MMMM yyyy", culture) ?? "—";

        writer.Title("Treatment summary: Interpersonal Psychotherapy");
        writer.Line($"{summary.PatientName}, with {summary.TherapistName}");
        writer.Muted(summary.Audience == SummaryAudience.Referral
            ? "For a referral to another clinician. Confidential clinical information."
            : "Your copy. Keep it somewhere private.");

        writer.Heading("Dates and attendance");
        writer.Line($"Course opened {Date(summary.OpenedOn)}; now: {summary.Phase}.");
        if (summary.ContractStart is not null)
        {
            writer.Line($"Contract from {Date(summary.ContractStart)}, last session planned for {Date(summary.PlannedEnd)}.");
        }
        if (summary.EndedOn is not null)
        {
            writer.Line($"Course ended {Date(summary.EndedOn)}.");
        }
        writer.Line(summary.Attendance() + ".");

        if (summary.MedicalModel is { } medical)
        {
            writer.Heading("Diagnosis, sick role and medication");
            writer.Line($"Working diagnosis (ICD-11): {medical.Diagnosis ?? "not recorded"}.");
            writer.Line($"Severity: {medical.Severity ?? "no PHQ-9 answered in this course"}.");
            writer.Line($"Sick role: {(medical.SickRoleGivenOn is { } given ? $"given {Date(given)}" : "not recorded")}.");
            writer.Line($"Medication: {medical.Medication}{(medical.MedicationNote is { } note ? $" ({note})" : "")}.");
        }

        writer.Heading(summary.Audience == SummaryAudience.Referral ? "Focus (IPT problem areas)" : "What we worked on");
        if (summary.Focus.Count == 0)
        {
            writer.Line("No focus agreed yet.");
        }
        foreach (var focus in summary.Focus)
        {
            writer.Bullet(focus);
        }
        foreach (var goal in summary.Goals)
        {
            writer.Bullet("Goal: " + goal);
        }
        if (summary.FormulationForPatient is { } wording)
        {
            writer.Paragraph(wording);
        }

        // A summary made mid-course has no end to speak of yet: its latest scores are where things stand now.
        writer.Heading(summary.EndedOn is null ? "Scores so far" : "Scores from start to end");
        if (summary.Scores.Count == 0)
        {
            writer.Line("No questionnaires were completed.");
        }
        foreach (var s in summary.Scores)
        {
            var change = s.Change.Count > 0 ? $" ({string.Join(", ", s.Change)})" : "";
            writer.Bullet($"{s.Instrument}: {s.Baseline} on {Date(s.BaselineOn)} → {s.Latest} on {Date(s.LatestOn)}{(s.LatestBand is { } b ? $", {b}" : "")}{change}");
        }

        writer.Heading("Looking back and ahead");
        if (summary.Ending is not { } review)
        {
            writer.Line("The ending review has not been written yet.");
        }
        else
        {
            if (!review.Completed)
            {
                writer.Muted("Draft: not yet completed.");
            }
            if (review.Gains is { } gains)
            {
                writer.SubHeading("What changed, in the patient's words");
                writer.Paragraph(gains);
            }
            if (review.WarningSigns.Count > 0)
            {
                writer.SubHeading("Warning signs and what to do");
                foreach (var w in review.WarningSigns)
                {
                    writer.Bullet($"{w.Sign}: {w.WhatToDo}");
                }
            }
            if (review.AnticipatedProblems.Count > 0)
            {
                writer.SubHeading("Problems ahead and plans");
                foreach (var p in review.AnticipatedProblems)
                {
                    writer.Bullet($"{p.Problem}: {p.Plan}");
                }
            }
            if (review.EmergencyContact is { } contact)
            {
                writer.SubHeading("In an emergency");
                writer.Paragraph(contact);
            }
            writer.SubHeading("After the course");
            writer.Paragraph(review.Decision);
        }
        writer.Muted(GeneratedLine(summary.GeneratedAt, zone));
        return writer.Finish();
    }

    /// <summary>"Generated 5 December 2026 at 18:30, Central European Time (Berlin), by Rapport."</summary>
    public static string GeneratedLine(DateTimeOffset at, ViewerZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return $"Generated {zone.Local(at).ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} at {zone.Time(at)}, {zone.Named}, by Rapport.";
    }
}
