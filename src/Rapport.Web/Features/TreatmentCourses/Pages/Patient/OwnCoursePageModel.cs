using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Patient;

/// <summary>
/// The base of the patient's pages about their own course (/my-plan/…): the signed-in patient's latest course and
/// nothing else (no id in the address to guess), its record loaded once, times on the patient's own clock.
/// </summary>
public abstract class OwnCoursePageModel(TreatmentCourseService courses, TimeProvider clock) : CoursePageBase(courses, clock)
{
    protected async Task LoadAsync(CancellationToken ct)
    {
        ReadDone();
        Record = null;
        if (await Courses.LatestForPatientAsync(User.UserId(), ct) is { } course)
        {
            Record = await Courses.FileAsync(course, ct, tracked: !HttpMethods.IsGet(Request.Method));
            Zone = ProfileChoices.ZoneOrUtc(Record.Patient.TimeZoneId);
        }
    }
}
