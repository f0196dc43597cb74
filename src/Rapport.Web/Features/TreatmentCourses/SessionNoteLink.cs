namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// Where a session's note is written: the address every appointment links to (the therapist's dashboard, calendar and
/// call). Before a course is opened it leads on to the course page (the note page redirects there).
/// </summary>
public static class SessionNoteLink
{
    public static string For(Guid patientId, Guid appointmentId) => $"/therapist/patients/{patientId}/course/sessions/{appointmentId}";
}
