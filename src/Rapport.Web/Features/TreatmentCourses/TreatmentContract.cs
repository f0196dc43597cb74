namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// What the course has of its sessions when a contract's last session is reckoned: the contracted sessions already used
/// and when the last of them was, and the starts of the pair's appointments booked ahead.
/// </summary>
public sealed record CourseSessionDates(int Used, DateTimeOffset? LastUsedAt, IReadOnlyList<DateTimeOffset> BookedAhead)
{
    public static readonly CourseSessionDates None = new(0, null, []);
}

public enum SessionFrequency
{
    Weekly = 0,
    Fortnightly = 1,
}

public enum ContractParty
{
    Patient = 0,
    Therapist = 1,
}

/// <summary>What each side brings (docs/clinical/ipt-course.md#treatment-contract).</summary>
public sealed record ContractRoles(string Patient, string Therapist)
{
    public static ContractRoles Default { get; } = new(
        "I bring what has happened since we last met and how I felt about it, and I try out changes between sessions. While I am unwell I can put some duties aside, and I work at getting better.",
        "Your therapist is active and on your side, keeps to the agreed focus, and tells you at each session how many sessions remain.");
}

/// <summary>What happens when a session does not go as planned (docs/clinical/ipt-course.md#treatment-contract). The two flags decide whether a miss uses a contracted session.</summary>
public sealed record ContractContingencies(bool NoShowsCount, bool LateCancellationsCount, int NoticeHours,
    string Lateness, string Illness, string Holidays, string TherapistAbsence)
{
    public static ContractContingencies Default { get; } = new(true, true, 24,
        "If you are late, the session still ends at the usual time.",
        "If you are ill, tell your therapist as early as you can; a video session may be possible instead.",
        "Holidays are agreed in advance and the sessions are moved, not lost.",
        "If your therapist cannot come, the session is moved and does not count toward the total.");
}

public sealed record ContractBoundaries(string ContactBetweenSessions, string Confidentiality, string Recording, string JointSessions)
{
    public static ContractBoundaries Default { get; } = new(
        "Between sessions, you can write to your therapist in Rapport's messages; your therapist usually replies within 1 working day. Messages are not a crisis service.",
        "What you say stays between you and your therapist, except when someone's life or safety is at serious risk or the law requires it.",
        "Sessions are not recorded by either side.",
        "Someone important to you may join a session if you both agree beforehand.");
}

public sealed record ContractEmergency(string CrisisContacts, string SafetyPlan, string WhenRiskRises)
{
    public static ContractEmergency Default { get; } = new(
        "In an emergency call your local emergency number. The crisis lines for your country are always on your plan page.",
        "Your safety plan is on your plan page; you and your therapist review it when things change.",
        "If your answers or what you tell your therapist show the risk rising, your therapist contacts you, reviews your safety plan with you, and may involve other services.");
}

/// <summary>
/// How a contract's sessions would fall into the phases (readme, rule 5a): the initial sessions, the middle phase, and the
/// ending window scaled to the count. A contract below <see cref="TreatmentContract.ShortestAdvisedSessions"/> sessions, or
/// with less than half of them in the middle phase, is warned about, never refused: the clinician may record why.
/// </summary>
public sealed record ContractLengthCheck(int Sessions, int Initial, int Middle, int Ending)
{
    public bool TooFewSessions => Sessions < TreatmentContract.ShortestAdvisedSessions;
    public bool MiddleUnderHalf => Middle * 2 < Sessions;
    public bool IsShort => TooFewSessions || MiddleUnderHalf;

    /// <param name="initialSessions">Contracted sessions used in the initial phase so far; at least one is counted (the contract is agreed in one).</param>
    public static ContractLengthCheck For(int sessionCount, int initialSessions)
    {
        var initial = Math.Max(initialSessions, 1);
        var ending = TreatmentCourse.TerminationWindowFor(sessionCount);
        return new(sessionCount, initial, Math.Max(0, sessionCount - initial - ending), ending);
    }

    public IReadOnlyList<string> Warnings =>
    [
        .. TooFewSessions
            ? [$"{Sessions} sessions is fewer than the {TreatmentContract.ShortestAdvisedSessions} of the shortest tested IPT format."]
            : Array.Empty<string>(),
        .. MiddleUnderHalf
            ? [$"Only {Middle} of the {Sessions} sessions fall in the middle phase ({Initial} initial, the last {Ending} for the ending): fewer than half for the work on the problem area."]
            : Array.Empty<string>(),
    ];
}

/// <summary>One version of the treatment contract, signed by both (docs/clinical/ipt-course.md#treatment-contract: negotiated jointly, not imposed).</summary>
public sealed class TreatmentContract
{
    private TreatmentContract() { }

    public const int MinSessions = 4;
    public const int MaxSessions = 24;
    public const int DefaultSessions = 16;
    public const int MinMinutes = 30;
    public const int MaxMinutes = 90;
    public const int DefaultMinutes = 50;
    public const int MaxTextLength = 2000;
    public const int MaxReasonLength = 1000;
    /// <summary>The brief tested IPT format has 8 sessions (readme, rule 5a); fewer is warned about.</summary>
    public const int ShortestAdvisedSessions = 8;

    // One focus or goal a line, so each list is one encrypted column (ClinicalText only covers text columns).
    private string _foci = "";
    private string _goals = "";

    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid TherapistId { get; private set; }
    /// <summary>1 for the first contract; each signed amendment is the next version.</summary>
    public int Version { get; private set; }
    public string? AmendmentReason { get; private set; }
    /// <summary>Why the clinician chose a short contract or a short middle phase (<see cref="ContractLengthCheck"/>). Clinical text: encrypted at rest.</summary>
    public string? LengthReason { get; private set; }
    public Guid FormulationId { get; private set; }
    public int FormulationRevision { get; private set; }
    public int SessionCount { get; private set; }
    public SessionFrequency Frequency { get; private set; }
    public int DurationMinutes { get; private set; }
    public DateOnly StartDate { get; private set; }
    /// <summary>The first appointment of the series booked when both have signed (UTC); null when the sessions are booked by hand.</summary>
    public DateTimeOffset? FirstSessionAt { get; private set; }
    public ContractRoles Roles { get; private set; } = ContractRoles.Default;
    public ContractContingencies Contingencies { get; private set; } = ContractContingencies.Default;
    public ContractBoundaries Boundaries { get; private set; } = ContractBoundaries.Default;
    public ContractEmergency Emergency { get; private set; } = ContractEmergency.Default;
    public string? PatientSignedName { get; private set; }
    public DateTimeOffset? PatientSignedAt { get; private set; }
    public string? TherapistSignedName { get; private set; }
    public DateTimeOffset? TherapistSignedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Revision { get; private set; }

    /// <summary>The agreed foci, in words, copied from the formulation the contract was drafted from.</summary>
    public IReadOnlyList<string> Foci => CourseText.Lines(_foci);
    public IReadOnlyList<string> Goals => CourseText.Lines(_goals);

    public int IntervalDays => Frequency == SessionFrequency.Fortnightly ? 14 : 7;
    /// <summary>The date of the last contracted session if none is moved: the explicit time limit of docs/clinical/ipt-course.md#treatment-contract.</summary>
    public DateOnly EndDate => StartDate.AddDays(IntervalDays * (SessionCount - 1));
    /// <summary>
    /// The date of the last contracted session as things stand (readme, rule 20a), on the reader's calendar: the sessions
    /// already used count, the appointments booked ahead are taken as they are (with the series booked, the last one is
    /// the series' last), and only the sessions neither used nor booked are placed at the agreed frequency after them.
    /// </summary>
    public DateOnly LastSessionDate(CourseSessionDates sessions, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(zone);
        DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        var left = SessionCount - sessions.Used;
        var ahead = sessions.BookedAhead.Order().Select(Day).ToList();
        if (left <= 0)
        {
            return sessions.LastUsedAt is { } last ? Day(last) : EndDate;
        }
        if (ahead.Count >= left)
        {
            return ahead[left - 1];
        }
        // The first unbooked session comes one interval after the last used or booked one, and never before the agreed start.
        var earliest = FirstSessionAt is { } first ? Day(first) : StartDate;
        var anchor = ahead.Count > 0 ? ahead[^1] : sessions.LastUsedAt is { } used ? Day(used) : (DateOnly?)null;
        var next = anchor is { } a && a.AddDays(IntervalDays) > earliest ? a.AddDays(IntervalDays) : earliest;
        return next.AddDays(IntervalDays * (left - ahead.Count - 1));
    }

    public bool IsSignedByBoth => PatientSignedAt is not null && TherapistSignedAt is not null;
    public bool IsSignedByAnyone => PatientSignedAt is not null || TherapistSignedAt is not null;

    /// <param name="FirstSessionAt">When the series booked on signing starts (the therapist's choice); null books nothing on signing.</param>
    public sealed record Terms(int SessionCount, SessionFrequency Frequency, int DurationMinutes, DateOnly StartDate,
        ContractRoles Roles, ContractContingencies Contingencies, ContractBoundaries Boundaries, ContractEmergency Emergency,
        DateTimeOffset? FirstSessionAt = null, string? LengthReason = null)
    {
        /// <summary>16 weekly sessions of 50 minutes (docs/clinical/ipt-course.md#phases: 12–16 weekly sessions of 45–50 min).</summary>
        public static Terms Defaults(DateOnly startDate) => new(DefaultSessions, SessionFrequency.Weekly, DefaultMinutes, startDate,
            ContractRoles.Default, ContractContingencies.Default, ContractBoundaries.Default, ContractEmergency.Default);
    }

    /// <summary>The first contract, drafted from the agreed formulation.</summary>
    public static TreatmentContract Draft(TreatmentCourse course, Formulation formulation, Terms terms, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(course);
        course.EnsureOpen();
        var contract = new TreatmentContract
        {
            Id = Guid.CreateVersion7(now),
            CourseId = course.Id,
            PatientId = course.PatientId,
            TherapistId = course.TherapistId,
            Version = 1,
            CreatedAt = now,
        };
        contract.TakeFocus(formulation);
        contract.Apply(terms, now);
        return contract;
    }

    /// <summary>
    /// A change to a signed contract: a new version that both must sign again; the signed one stays in force
    /// until then. Only the latest version is amended, and one amendment is open at a time.
    /// </summary>
    public static TreatmentContract Amend(TreatmentCourse course, IReadOnlyList<TreatmentContract> versions, Formulation formulation, Terms terms,
        string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(versions);
        course.EnsureOpen();
        var latest = versions.Where(v => v.CourseId == course.Id).MaxBy(v => v.Version);
        CourseText.Require(latest is { IsSignedByBoth: true }, TreatmentCourseRules.AmendOnlyASignedContract,
            "Only a contract both of you have signed is amended; until then, change the draft itself.");
        var why = CourseText.Required(reason, MaxReasonLength, TreatmentCourseRules.AmendmentNeedsReason, TreatmentCourseRules.ContractTextTooLong,
            "Write what changes and why, so both of you can see it before signing.", "The reason");
        var amendment = new TreatmentContract
        {
            Id = Guid.CreateVersion7(now),
            CourseId = course.Id,
            PatientId = course.PatientId,
            TherapistId = course.TherapistId,
            Version = latest!.Version + 1,
            AmendmentReason = why,
            CreatedAt = now,
        };
        amendment.TakeFocus(formulation);
        amendment.Apply(terms, now);
        return amendment;
    }

    /// <summary>The version in force: the latest one both have signed; null before the first is signed.</summary>
    public static TreatmentContract? InForce(IEnumerable<TreatmentContract> versions) =>
        versions.Where(v => v.IsSignedByBoth).MaxBy(v => v.Version);

    /// <summary>Changes an unsigned draft. A signature already given is withdrawn: nobody stays signed to words they did not see.</summary>
    public void Update(Formulation formulation, Terms terms, DateTimeOffset now)
    {
        CourseText.Require(!IsSignedByBoth, TreatmentCourseRules.ContractLockedOnceSigned,
            "Both of you have signed this contract, so it cannot change. Make an amendment instead; both of you sign it again.");
        TakeFocus(formulation);
        Apply(terms, now);
        PatientSignedAt = null;
        PatientSignedName = null;
        TherapistSignedAt = null;
        TherapistSignedName = null;
    }

    /// <summary>
    /// Signs for one party: the typed name must be that person's display name (ignoring case and extra spaces)
    /// and the confirmation step must have been taken.
    /// </summary>
    public void Sign(ContractParty party, Guid personId, string typedName, string displayName, bool confirmed, DateTimeOffset now)
    {
        var expectedId = party == ContractParty.Patient ? PatientId : TherapistId;
        CourseText.Require(personId == expectedId, TreatmentCourseRules.SignerIsAParty, "Only the patient and the therapist of this course can sign its contract.");
        CourseText.Require((party == ContractParty.Patient ? PatientSignedAt : TherapistSignedAt) is null, TreatmentCourseRules.AlreadySigned,
            "You have already signed this version of the contract.");
        CourseText.Require(NamesMatch(typedName, displayName), TreatmentCourseRules.SignatureMatchesName,
            $"Type your name exactly as it appears on your account: {displayName?.Trim()}.");
        CourseText.Require(confirmed, TreatmentCourseRules.SignatureNeedsConfirmation, "Confirm that you have read the contract and agree to it.");
        var name = Normalise(typedName);
        if (party == ContractParty.Patient)
        {
            PatientSignedName = name;
            PatientSignedAt = now;
        }
        else
        {
            TherapistSignedName = name;
            TherapistSignedAt = now;
        }
        UpdatedAt = now;
        Revision++;
    }

    /// <summary>The contract as the readable document both sign: plain-language sections, in order.</summary>
    /// <param name="lastSession">The last session as things stand (<see cref="LastSessionDate"/>); without it, the date the terms alone give.</param>
    public IReadOnlyList<(string Heading, string Text)> Sections(DateOnly? lastSession = null)
    {
        var every = Frequency == SessionFrequency.Fortnightly ? "every two weeks" : "every week";
        string Counts(bool counts) => counts ? "counts as one of the sessions" : "does not count toward the total";
        return
        [
            ("Our sessions", $"We meet for {SessionCount} sessions of {DurationMinutes} minutes, {every}, from {StartDate:d MMMM yyyy}. The last session is planned for {lastSession ?? EndDate:d MMMM yyyy}."),
            ("What we will work on", string.Join(Environment.NewLine, Foci.Select(f => $"Focus: {f}").Concat(Goals.Select(g => $"Goal: {g}")))),
            ("What you bring", Roles.Patient),
            ("What your therapist brings", Roles.Therapist),
            ("If a session does not go as planned",
                $"A session missed without notice {Counts(Contingencies.NoShowsCount)}. A session cancelled less than {Contingencies.NoticeHours} hours ahead {Counts(Contingencies.LateCancellationsCount)}. " +
                string.Join(" ", Contingencies.Lateness, Contingencies.Illness, Contingencies.Holidays, Contingencies.TherapistAbsence)),
            ("Contact and privacy", string.Join(" ", Boundaries.ContactBetweenSessions, Boundaries.Confidentiality, Boundaries.Recording, Boundaries.JointSessions)),
            ("In an emergency", string.Join(" ", Emergency.CrisisContacts, Emergency.SafetyPlan, Emergency.WhenRiskRises)),
            ("At the end", "In the last sessions we look back at what has changed, plan for the future, and decide together whether monthly maintenance sessions would help."),
        ];
    }

    internal static bool NamesMatch(string? typed, string? displayName) =>
        Normalise(typed) is { Length: > 0 } a && string.Equals(a, Normalise(displayName), StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string? name) =>
        string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private void TakeFocus(Formulation formulation)
    {
        ArgumentNullException.ThrowIfNull(formulation);
        if (formulation.CourseId != CourseId)
        {
            throw new ArgumentException("The formulation belongs to another course.", nameof(formulation));
        }
        CourseText.Require(formulation.IsAgreed, TreatmentCourseRules.ContractNeedsAgreedFormulation,
            "The contract records the agreed focus, so the patient must agree the formulation first.");
        FormulationId = formulation.Id;
        FormulationRevision = formulation.Revision;
        // The contract is the patient's document too: the focus in plain words. A role dispute's stage (renegotiation,
        // impasse, dissolution) is the clinician's formulation language and stays in the formulation and the referral summary.
        _foci = string.Join('\n', formulation.Foci.Select(f => ProblemAreaGuide.For(f.Area).PlainName));
        _goals = string.Join('\n', formulation.Goals);
    }

    private void Apply(Terms terms, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(terms);
        CourseText.Require(terms.SessionCount is >= MinSessions and <= MaxSessions, TreatmentCourseRules.ContractSessionCount,
            $"A course has between {MinSessions} and {MaxSessions} sessions.");
        CourseText.Require(terms.DurationMinutes is >= MinMinutes and <= MaxMinutes, TreatmentCourseRules.ContractSessionLength,
            $"A session lasts between {MinMinutes} and {MaxMinutes} minutes.");
        CourseText.Require(Enum.IsDefined(terms.Frequency), TreatmentCourseRules.ContractSessionCount, "Choose weekly or fortnightly sessions.");
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        CourseText.Require(terms.StartDate >= today.AddYears(-1) && terms.StartDate <= today.AddYears(1), TreatmentCourseRules.ContractStartDate,
            "The first session must be within a year of today.");
        CourseText.Require(terms.Contingencies.NoticeHours is >= 0 and <= 168, TreatmentCourseRules.ContractTextRequired,
            "The notice for cancelling is between 0 and 168 hours.");
        string[] texts =
        [
            terms.Roles.Patient, terms.Roles.Therapist,
            terms.Contingencies.Lateness, terms.Contingencies.Illness, terms.Contingencies.Holidays, terms.Contingencies.TherapistAbsence,
            terms.Boundaries.ContactBetweenSessions, terms.Boundaries.Confidentiality, terms.Boundaries.Recording, terms.Boundaries.JointSessions,
            terms.Emergency.CrisisContacts, terms.Emergency.SafetyPlan, terms.Emergency.WhenRiskRises,
        ];
        CourseText.Require(texts.All(t => !string.IsNullOrWhiteSpace(t)), TreatmentCourseRules.ContractTextRequired,
            "Every part of the contract needs its words; start from the suggested text if unsure.");
        CourseText.Require(texts.All(t => t.Trim().Length <= MaxTextLength), TreatmentCourseRules.ContractTextTooLong,
            $"Each part of the contract can be at most {MaxTextLength} characters.");
        LengthReason = CourseText.Limit(terms.LengthReason, MaxReasonLength, TreatmentCourseRules.ContractTextTooLong, "Why the contract is short");
        SessionCount = terms.SessionCount;
        FirstSessionAt = terms.FirstSessionAt?.ToUniversalTime();
        Frequency = terms.Frequency;
        DurationMinutes = terms.DurationMinutes;
        StartDate = terms.StartDate;
        Roles = new(terms.Roles.Patient.Trim(), terms.Roles.Therapist.Trim());
        Contingencies = terms.Contingencies with
        {
            Lateness = terms.Contingencies.Lateness.Trim(),
            Illness = terms.Contingencies.Illness.Trim(),
            Holidays = terms.Contingencies.Holidays.Trim(),
            TherapistAbsence = terms.Contingencies.TherapistAbsence.Trim(),
        };
        Boundaries = new(terms.Boundaries.ContactBetweenSessions.Trim(), terms.Boundaries.Confidentiality.Trim(), terms.Boundaries.Recording.Trim(), terms.Boundaries.JointSessions.Trim());
        Emergency = new(terms.Emergency.CrisisContacts.Trim(), terms.Emergency.SafetyPlan.Trim(), terms.Emergency.WhenRiskRises.Trim());
        UpdatedAt = now;
        Revision++;
    }
}
