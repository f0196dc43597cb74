using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.TreatmentCourses.Pages;

/// <summary>
/// Every part of a contract version as the therapist's form posts it. No property has a default of its own: an
/// unticked box posts nothing, so "false" must be what nothing means. <see cref="Defaults"/> fills a first draft.
/// </summary>
public sealed class ContractForm
{
    public int SessionCount { get; set; }
    public SessionFrequency Frequency { get; set; }
    public int DurationMinutes { get; set; }
    public DateOnly StartDate { get; set; }
    /// <summary>The first session of the series booked on signing, on the therapist's wall clock; empty books nothing.</summary>
    public DateTime? FirstSession { get; set; }
    public string? RolesPatient { get; set; }
    public string? RolesTherapist { get; set; }
    public bool NoShowsCount { get; set; }
    public bool LateCancellationsCount { get; set; }
    public int NoticeHours { get; set; }
    public string? Lateness { get; set; }
    public string? Illness { get; set; }
    public string? Holidays { get; set; }
    public string? TherapistAbsence { get; set; }
    public string? ContactBetweenSessions { get; set; }
    public string? Confidentiality { get; set; }
    public string? Recording { get; set; }
    public string? JointSessions { get; set; }
    public string? CrisisContacts { get; set; }
    public string? SafetyPlan { get; set; }
    public string? WhenRiskRises { get; set; }
    /// <summary>For an amendment: what changes and why.</summary>
    public string? Reason { get; set; }
    /// <summary>Why a short contract or a short middle phase was chosen (<see cref="ContractLengthCheck"/>); optional.</summary>
    public string? LengthReason { get; set; }

    public TreatmentContract.Terms ToTerms(TimeZoneInfo zone)
    {
        DateTimeOffset? first = null;
        if (FirstSession is { } local)
        {
            first = WallClock.ToUtc(local, zone)
                ?? throw new RuleViolationException(TreatmentCourseRules.ContractStartDate, "That time does not exist on your clock (the clocks change then). Choose another time.");
        }
        return new(SessionCount, Frequency, DurationMinutes, StartDate,
            new ContractRoles(RolesPatient ?? "", RolesTherapist ?? ""),
            new ContractContingencies(NoShowsCount, LateCancellationsCount, NoticeHours, Lateness ?? "", Illness ?? "", Holidays ?? "", TherapistAbsence ?? ""),
            new ContractBoundaries(ContactBetweenSessions ?? "", Confidentiality ?? "", Recording ?? "", JointSessions ?? ""),
            new ContractEmergency(CrisisContacts ?? "", SafetyPlan ?? "", WhenRiskRises ?? ""),
            first, LengthReason);
    }

    public static ContractForm From(TreatmentContract.Terms terms, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return new()
        {
            SessionCount = terms.SessionCount,
            Frequency = terms.Frequency,
            DurationMinutes = terms.DurationMinutes,
            StartDate = terms.StartDate,
            FirstSession = terms.FirstSessionAt is { } at ? WallClock.Local(at, zone) : null,
            RolesPatient = terms.Roles.Patient,
            RolesTherapist = terms.Roles.Therapist,
            NoShowsCount = terms.Contingencies.NoShowsCount,
            LateCancellationsCount = terms.Contingencies.LateCancellationsCount,
            NoticeHours = terms.Contingencies.NoticeHours,
            Lateness = terms.Contingencies.Lateness,
            Illness = terms.Contingencies.Illness,
            Holidays = terms.Contingencies.Holidays,
            TherapistAbsence = terms.Contingencies.TherapistAbsence,
            ContactBetweenSessions = terms.Boundaries.ContactBetweenSessions,
            Confidentiality = terms.Boundaries.Confidentiality,
            Recording = terms.Boundaries.Recording,
            JointSessions = terms.Boundaries.JointSessions,
            CrisisContacts = terms.Emergency.CrisisContacts,
            SafetyPlan = terms.Emergency.SafetyPlan,
            WhenRiskRises = terms.Emergency.WhenRiskRises,
            LengthReason = terms.LengthReason,
        };
    }

    public static ContractForm From(TreatmentContract contract, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return From(new TreatmentContract.Terms(contract.SessionCount, contract.Frequency, contract.DurationMinutes, contract.StartDate,
            contract.Roles, contract.Contingencies, contract.Boundaries, contract.Emergency, contract.FirstSessionAt, contract.LengthReason), zone);
    }
}

/// <summary>A contract version as the document both read and sign, with who signed it and when.</summary>
/// <param name="Sessions">The course's sessions so far: the last-session date of the version in force or waiting for signatures is
/// reckoned from them (readme, rule 20a); a replaced version keeps the date its own terms gave.</param>
public sealed record ContractDocumentView(TreatmentContract Contract, string PatientName, string TherapistName, TimeZoneInfo Zone, bool InForce,
    CourseSessionDates Sessions)
{
    public IReadOnlyList<(string Heading, string Text)> Sections() =>
        Contract.Sections(InForce || !Contract.IsSignedByBoth ? Contract.LastSessionDate(Sessions, Zone) : null);

    public string Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone).ToString("ddd d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
