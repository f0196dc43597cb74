namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// A course's count of its sessions ("session k of N", the weeks left, the sessions held) from its phase, the terms of
/// the contract in force and the sessions it recorded. The course counts through it, so a page that reads only these
/// columns ("My plan", <see cref="PatientPlans"/>) counts exactly as the course does without loading the whole course.
/// </summary>
public readonly record struct CourseCount(CoursePhase Phase, int? ContractedSessions, int? SessionIntervalDays, IReadOnlyList<CourseSession> Sessions)
{
    public bool IsEnded => Phase is CoursePhase.Closed or CoursePhase.EndedEarly or CoursePhase.Transferred;

    public int SessionsHeld => Sessions.Count(s => s.Outcome == SessionOutcome.Held && s.Phase != CoursePhase.Maintenance);
    public int MaintenanceSessionsHeld => Sessions.Count(s => s.Outcome == SessionOutcome.Held && s.Phase == CoursePhase.Maintenance);
    /// <summary>Contracted sessions used so far: every held session plus the misses the contract counts.</summary>
    public int SessionsUsed => Sessions.Count(s => s.CountsTowardContract);
    /// <summary>The N of "session k of N"; null until a contract is in force.</summary>
    public int? RemainingSessions => ContractedSessions is { } n ? Math.Max(0, n - SessionsUsed) : null;

    /// <summary>
    /// The k of "session k of N": the number of the next (or current) contracted session. After the last one
    /// it stays at N. Null before the initial phase.
    /// </summary>
    public int? SessionNumber => Phase switch
    {
        CoursePhase.Assessment => null,
        _ when ContractedSessions is { } n => Math.Min(SessionsUsed + 1, n),
        _ => SessionsUsed + 1,
    };

    /// <summary>Weeks until the last contracted session at the agreed frequency (0 when none remain); null without a contract.</summary>
    public int? WeeksLeft => RemainingSessions is { } left && SessionIntervalDays is { } days
        ? (int)Math.Ceiling(left * days / 7.0)
        : null;
}
