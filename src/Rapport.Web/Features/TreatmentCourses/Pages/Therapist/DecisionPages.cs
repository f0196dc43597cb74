using Microsoft.EntityFrameworkCore;

namespace Rapport.Web.Features.TreatmentCourses.Pages.Therapist;

/// <summary>What the decision-analysis pages share.</summary>
public static class DecisionPages
{
    /// <summary>
    /// A form carries the version of the decision it was opened on: one opened before another change (another tab, the
    /// patient reporting back meanwhile) is refused like a lost race, so nobody acts on a plan they have not seen.
    /// </summary>
    public static void EnsureSameVersion(DecisionAnalysis decision, int openedOn)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Version != openedOn)
        {
            throw new DbUpdateConcurrencyException("The decision analysis changed since the form was opened.");
        }
    }
}
