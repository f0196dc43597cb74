namespace Rapport.Web.Features.TreatmentCourses;

public enum FeedbackSource
{
    /// <summary>The patient reported back in the portal.</summary>
    Patient = 0,
    /// <summary>The patient told the therapist in the session, who recorded it.</summary>
    Therapist = 1,
}

/// <summary>One option brainstormed for the problem, with its pros and cons.</summary>
public sealed class DecisionOption
{
    private DecisionOption() { }

    public Guid Id { get; private set; }
    // Clinical text: encrypted at rest.
    public string Text { get; private set; } = "";
    public string? Pros { get; private set; }
    public string? Cons { get; private set; }

    internal static DecisionOption Of(string text, string? pros, string? cons, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), Text = text, Pros = pros, Cons = cons };
}

/// <summary>
/// One try of a chosen option: the plan, the patient's report of how it went, and the therapist's adjustment.
/// The list of tries is what the patient has learned.
/// </summary>
public sealed class DecisionTry
{
    private DecisionTry() { }

    public Guid Id { get; private set; }
    public int Number { get; private set; }
    public Guid OptionId { get; private set; }
    // Clinical text below: encrypted at rest.
    public string Plan { get; private set; } = "";
    public DateTimeOffset PlannedAt { get; private set; }
    public bool? Tried { get; private set; }
    public string? WhatHappened { get; private set; }
    public string? HowItFelt { get; private set; }
    public FeedbackSource? ReportedBy { get; private set; }
    public DateTimeOffset? ReportedAt { get; private set; }
    public string? Adjustment { get; private set; }
    public DateTimeOffset? AdjustedAt { get; private set; }

    public bool HasFeedback => ReportedAt is not null;
    public bool IsSettled => AdjustedAt is not null;

    internal static DecisionTry Of(int number, Guid optionId, string plan, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), Number = number, OptionId = optionId, Plan = plan, PlannedAt = now };

    internal void Report(bool tried, string? happened, string? felt, FeedbackSource by, DateTimeOffset now)
    {
        Tried = tried;
        WhatHappened = happened;
        HowItFelt = felt;
        ReportedBy = by;
        ReportedAt = now;
    }

    internal void Adjust(string adjustment, DateTimeOffset now)
    {
        Adjustment = adjustment;
        AdjustedAt = now;
    }
}

/// <summary>
/// Decision analysis (docs/clinical/ipt-course.md#middle-phase-session-flow, step 6): a problem, the options brainstormed with their pros and cons, one
/// chosen with a plan; it goes on the next session's agenda, the patient reports back, the therapist adjusts,
/// and another option or plan may be tried.
/// </summary>
public sealed class DecisionAnalysis
{
    private DecisionAnalysis() { }

    public const int MaxOptions = 10;
    public const int MaxTextLength = 2000;

    private readonly List<DecisionOption> _options = [];
    private readonly List<DecisionTry> _tries = [];

    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid PatientId { get; private set; }
    /// <summary>The session where it was brainstormed.</summary>
    public Guid? SessionNoteId { get; private set; }
    /// <summary>Clinical text: encrypted at rest.</summary>
    public string Problem { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<DecisionOption> Options => _options;
    // Loaded rows come in no particular order, so the tries are read by their number.
    public IReadOnlyList<DecisionTry> Tries => [.. _tries.OrderBy(t => t.Number)];
    public DecisionTry? CurrentTry => _tries.MaxBy(t => t.Number);
    public bool IsClosed => ClosedAt is not null;
    /// <summary>A plan is out and not yet talked through: the next session's agenda shows it.</summary>
    public bool IsOnNextAgenda => !IsClosed && CurrentTry is { IsSettled: false };

    public static DecisionAnalysis Open(TreatmentCourse course, string problem, Guid? sessionNoteId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(course);
        course.EnsureOpen();
        return new DecisionAnalysis
        {
            Id = Guid.CreateVersion7(now),
            CourseId = course.Id,
            PatientId = course.PatientId,
            SessionNoteId = sessionNoteId,
            Problem = CourseText.Required(problem, MaxTextLength, TreatmentCourseRules.DecisionNeedsProblem, TreatmentCourseRules.DecisionOptionInvalid,
                "Describe the problem the options are for.", "The problem"),
            OpenedAt = now,
        };
    }

    public DecisionOption AddOption(string text, string? pros, string? cons, DateTimeOffset now)
    {
        EnsureOpen();
        CourseText.Require(_options.Count < MaxOptions, TreatmentCourseRules.AtMostTenOptions, $"Keep to the {MaxOptions} most promising options.");
        const string rule = TreatmentCourseRules.DecisionOptionInvalid;
        var option = DecisionOption.Of(
            CourseText.Required(text, MaxTextLength, rule, rule, "Describe the option.", "An option"),
            CourseText.Limit(pros, MaxTextLength, rule, "The pros"),
            CourseText.Limit(cons, MaxTextLength, rule, "The cons"),
            now);
        _options.Add(option);
        Version++;
        return option;
    }

    /// <summary>Chooses an option to try, with a plan. While a try is out, the next one waits for its feedback and adjustment.</summary>
    public DecisionTry Choose(Guid optionId, string plan, DateTimeOffset now)
    {
        EnsureOpen();
        CourseText.Require(_options.Any(o => o.Id == optionId), TreatmentCourseRules.ChooseABrainstormedOption, "Choose one of the options brainstormed for this problem.");
        CourseText.Require(CurrentTry is null or { IsSettled: true }, TreatmentCourseRules.OneTryAtATime,
            "The last plan has not been talked through yet. Record how it went and your adjustment first.");
        var clean = CourseText.Required(plan, MaxTextLength, TreatmentCourseRules.ChoiceNeedsPlan, TreatmentCourseRules.DecisionOptionInvalid,
            "Write the plan: what, when and with whom.", "The plan");
        var next = DecisionTry.Of(_tries.Count + 1, optionId, clean, now);
        _tries.Add(next);
        Version++;
        return next;
    }

    /// <summary>How the try went, from the patient in the portal or told in the session.</summary>
    public void ReportBack(bool tried, string? whatHappened, string? howItFelt, FeedbackSource by, DateTimeOffset now)
    {
        EnsureOpen();
        CourseText.Require(CurrentTry is not null, TreatmentCourseRules.FeedbackNeedsAPlan, "There is no plan to report on yet.");
        CourseText.Require(!CurrentTry!.HasFeedback, TreatmentCourseRules.FeedbackOncePerTry, "How this plan went has already been recorded.");
        const string rule = TreatmentCourseRules.DecisionOptionInvalid;
        CurrentTry.Report(tried, CourseText.Limit(whatHappened, MaxTextLength, rule, "What happened"), CourseText.Limit(howItFelt, MaxTextLength, rule, "How it felt"), by, now);
        Version++;
    }

    /// <summary>The therapist's adjustment once the patient has reported back.</summary>
    public void RecordAdjustment(string adjustment, DateTimeOffset now)
    {
        EnsureOpen();
        CourseText.Require(CurrentTry is { HasFeedback: true, IsSettled: false }, TreatmentCourseRules.AdjustmentFollowsFeedback,
            "Record how the plan went before the adjustment.");
        const string rule = TreatmentCourseRules.DecisionOptionInvalid;
        CurrentTry!.Adjust(CourseText.Required(adjustment, MaxTextLength, rule, rule, "Write the adjustment.", "The adjustment"), now);
        Version++;
    }

    /// <summary>The problem is settled (or set aside); the history stays.</summary>
    public void Close(DateTimeOffset now)
    {
        EnsureOpen();
        ClosedAt = now;
        Version++;
    }

    private void EnsureOpen() =>
        CourseText.Require(!IsClosed, TreatmentCourseRules.DecisionClosed, "This decision analysis is closed.");
}
