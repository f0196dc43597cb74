using System.Globalization;
using Hl7.Fhir.Model;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.Web.Features.Interoperability;

/// <summary>
/// The IPT course as a CarePlan and its formulation as Goals (docs/interoperability.md, "Mapping"): the phase as the
/// plan's status and intent where those fit, and as Rapport's extension because no core element names it.
/// </summary>
public static class CourseMapping
{
    public static CarePlan CarePlan(TreatmentCourse course, Formulation? formulation)
    {
        ArgumentNullException.ThrowIfNull(course);
        var plan = new CarePlan
        {
            Id = course.Id.ToString(),
            Status = course.Phase switch
            {
                CoursePhase.Assessment => RequestStatus.Draft,
                CoursePhase.Closed or CoursePhase.Transferred => RequestStatus.Completed,
                CoursePhase.EndedEarly => RequestStatus.Revoked,
                _ => RequestStatus.Active,
            },
            // Before the contract the course is a proposal (is IPT right, is the patient willing?); after it, an agreed plan.
            Intent = course.Phase == CoursePhase.Assessment ? Hl7.Fhir.Model.CarePlan.CarePlanIntent.Proposal : Hl7.Fhir.Model.CarePlan.CarePlanIntent.Plan,
            Category = [new CodeableConcept(FhirCodes.CarePlanKinds, "ipt-course", "Interpersonal psychotherapy course")],
            Title = "Interpersonal psychotherapy course",
            Subject = FhirCodes.Reference("Patient", course.PatientId),
            Period = new Period(new FhirDateTime(course.OpenedAt), course.EndedAt is { } ended ? new FhirDateTime(ended) : null),
            CreatedElement = new FhirDateTime(course.OpenedAt),
            Author = FhirCodes.Reference("Practitioner", course.TherapistId),
            Goal = formulation is null ? [] : [.. Goals(course, formulation).Select(g => FhirCodes.Reference("Goal", g.Id!))],
            // Each contracted or maintenance session the course counted, by its appointment.
            Activity = [.. course.Sessions.Select(s => new CarePlan.ActivityComponent { Reference = FhirCodes.Reference("Appointment", s.AppointmentId) })],
        };
        plan.AddExtension(FhirCodes.PhaseExtension, new Code(PhaseCode(course.Phase)));
        if (course.ContractedSessions is { } sessions)
        {
            plan.Description = $"{sessions.ToString(CultureInfo.InvariantCulture)} contracted sessions";
        }
        return plan;
    }

    private static string PhaseCode(CoursePhase phase) => phase switch
    {
        CoursePhase.Assessment => "assessment",
        CoursePhase.Initial => "initial",
        CoursePhase.Middle => "middle",
        CoursePhase.Termination => "termination",
        CoursePhase.Maintenance => "maintenance",
        CoursePhase.Closed => "closed",
        CoursePhase.EndedEarly => "ended-early",
        _ => "transferred",
    };

    /// <summary>
    /// The problem areas, then the goals, of the course's formulation. A goal has no row of its own, so its id is the
    /// formulation's id and its place ("-a1" for the first area, "-g1" for the first goal).
    /// </summary>
    public static IReadOnlyList<Goal> Goals(TreatmentCourse course, Formulation formulation)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(formulation);
        var status = course.IsEnded ? Goal.GoalLifecycleStatus.Completed : Goal.GoalLifecycleStatus.Active;
        var start = DateOnly.FromDateTime((formulation.AgreedAt ?? formulation.UpdatedAt).UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var areas = formulation.Foci.Select((focus, i) => new Goal
        {
            Id = $"{formulation.Id}-a{(i + 1).ToString(CultureInfo.InvariantCulture)}",
            LifecycleStatus = status,
            Category = [new CodeableConcept(FhirCodes.GoalKinds, "problem-area", "IPT problem area")],
            Description = new CodeableConcept(FhirCodes.ProblemAreas, AreaCode(focus.Area), AreaLabel(focus.Area), AreaText(focus)),
            Subject = FhirCodes.Reference("Patient", course.PatientId),
            Start = new Date(start),
            ExpressedBy = FhirCodes.Reference("Practitioner", formulation.WrittenById),
        });
        var goals = formulation.Goals.Select((goal, i) => new Goal
        {
            Id = $"{formulation.Id}-g{(i + 1).ToString(CultureInfo.InvariantCulture)}",
            LifecycleStatus = status,
            Category = [new CodeableConcept(FhirCodes.GoalKinds, "course-goal", "Goal of the course")],
            Description = new CodeableConcept { Text = goal },
            Subject = FhirCodes.Reference("Patient", course.PatientId),
            Start = new Date(start),
            ExpressedBy = FhirCodes.Reference("Practitioner", formulation.WrittenById),
        });
        return [.. areas, .. goals];
    }

    private static string AreaCode(ProblemArea area) => area switch
    {
        ProblemArea.Grief => "grief",
        ProblemArea.RoleDispute => "role-dispute",
        ProblemArea.RoleTransition => "role-transition",
        _ => "interpersonal-deficits",
    };

    private static string AreaLabel(ProblemArea area) => area switch
    {
        ProblemArea.Grief => "Grief",
        ProblemArea.RoleDispute => "Role dispute",
        ProblemArea.RoleTransition => "Role transition",
        _ => "Interpersonal deficits",
    };

    private static string AreaText(ProblemFocus focus) => focus.Stage is { } stage
        ? $"{AreaLabel(focus.Area)} ({stage.ToString().ToLowerInvariant()})"
        : AreaLabel(focus.Area);
}
