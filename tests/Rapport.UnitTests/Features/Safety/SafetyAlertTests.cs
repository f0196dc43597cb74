using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Rapport.Web.Features;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Safety;

namespace Rapport.UnitTests.Features.Safety;

/// <summary>The escalation ladder's timing (1 h then every 15 min for item 9 ≥ 2, 4 h then every 4 h for item 9 = 1, configurable) and the risk review that closes an alert, on a clock the test moves.</summary>
public sealed class SafetyAlertTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private static readonly SafetyOptions Defaults = new();

    private SafetyAlert RaiseOnItem9(int answer, Guid? therapist, SafetyOptions? options = null)
    {
        var phq9 = InstrumentCatalog.Phq9Instrument;
        var scored = InstrumentScoring.Score(phq9, [0, 0, 0, 0, 0, 0, 0, 0, answer, null]);
        var patient = Guid.NewGuid();
        var response = AssessmentResponse.Record(patient, patient, scored, Guid.NewGuid(), _clock.GetUtcNow());
        return SafetyAlert.Raise(patient, response, Assert.Single(scored.CriticalAnswers), therapist, _clock.GetUtcNow(), options ?? Defaults);
    }

    private RiskReview CompleteReview() => new(ThoughtsFrequency.Fleeting, PlanState.NoPlan, IntentState.NoIntent, MeansAccess.NoAccess,
        PastAttempts.None, "Her sister, and her dog.", "Loneliness since the move drives it; reconnecting with her sister reduces it.",
        RiskAction.CalledThePatient, null, _clock.GetUtcNow().AddDays(1));

    [Fact]
    public void AHighAlertIsNotDueOneMinuteBeforeTheHour()
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());

        _clock.Advance(TimeSpan.FromMinutes(59));

        Assert.False(alert.IsDueForNextStep(_clock.GetUtcNow()));
        Assert.Equal(SafetyRules.NotYetDue, Assert.Throws<RuleViolationException>(() => alert.NextStep(_clock.GetUtcNow(), Defaults)).Rule);
    }

    [Fact]
    public void AHighAlertIsNotDueOneTickBeforeTheHour()
    {
        var alert = RaiseOnItem9(3, Guid.NewGuid());

        _clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));

        Assert.False(alert.IsDueForNextStep(_clock.GetUtcNow()));
    }

    [Fact]
    public void AHighAlertEscalatesAtExactlyOneHourAndIsDueAgainFifteenMinutesLater()
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());
        var raised = _clock.GetUtcNow();

        _clock.Advance(TimeSpan.FromHours(1));
        var due = alert.IsDueForNextStep(_clock.GetUtcNow());
        var step = alert.NextStep(_clock.GetUtcNow(), Defaults);

        Assert.True(due);
        Assert.Equal(AlertStep.Escalated, step);
        Assert.Equal(raised.AddHours(1), alert.EscalatedAt);
        Assert.Equal(raised.AddHours(1).AddMinutes(15), alert.EscalateAt);
        Assert.True(alert.IsOpen);
    }

    [Fact]
    public void AfterTheEscalationEachRungIsAReminderAtTheRepeatInterval()
    {
        var alert = RaiseOnItem9(3, Guid.NewGuid());
        _clock.Advance(TimeSpan.FromHours(1));
        alert.NextStep(_clock.GetUtcNow(), Defaults);

        _clock.Advance(TimeSpan.FromMinutes(14));
        var dueEarly = alert.IsDueForNextStep(_clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(1));
        var first = alert.NextStep(_clock.GetUtcNow(), Defaults);
        _clock.Advance(TimeSpan.FromMinutes(15));
        var second = alert.NextStep(_clock.GetUtcNow(), Defaults);

        Assert.False(dueEarly);
        Assert.Equal((AlertStep.Reminded, AlertStep.Reminded), (first, second));
        Assert.Equal(2, alert.Reminders);
    }

    [Fact]
    public void AnElevatedAlertWaitsFourHoursThenRemindsEveryFourHours()
    {
        var alert = RaiseOnItem9(1, Guid.NewGuid());

        _clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromMinutes(1));
        var dueBefore = alert.IsDueForNextStep(_clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(1));
        var dueAt = alert.IsDueForNextStep(_clock.GetUtcNow());
        alert.NextStep(_clock.GetUtcNow(), Defaults);

        Assert.Equal(RiskLevel.Elevated, alert.Level);
        Assert.False(dueBefore);
        Assert.True(dueAt);
        Assert.Equal(_clock.GetUtcNow().AddHours(4), alert.EscalateAt);
    }

    [Fact]
    public void TheClinicsConfiguredDelaysReplaceTheDefaults()
    {
        var configured = new SafetyOptions();
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Safety:EscalateHighAfter"] = "00:15:00",
            ["Safety:RepeatHighEvery"] = "00:05:00",
            ["Safety:EscalateElevatedAfter"] = "02:00:00",
        }).Build().GetSection("Safety").Bind(configured);
        var high = RaiseOnItem9(2, Guid.NewGuid(), configured);
        var elevated = RaiseOnItem9(1, Guid.NewGuid(), configured);

        _clock.Advance(TimeSpan.FromMinutes(15));
        var highDue = high.IsDueForNextStep(_clock.GetUtcNow());
        high.NextStep(_clock.GetUtcNow(), configured);
        var elevatedDueEarly = elevated.IsDueForNextStep(_clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(105));

        Assert.True(highDue);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(-100), high.EscalateAt);
        Assert.False(elevatedDueEarly);
        Assert.True(elevated.IsDueForNextStep(_clock.GetUtcNow()));
    }

    [Fact]
    public void WithNobodyOnCallTheAlertStartsEscalatedAndItsRemindersRunAtOnce()
    {
        var alert = RaiseOnItem9(2, therapist: null);

        Assert.Null(alert.AssignedTherapistId);
        Assert.True(alert.IsEscalated);
        Assert.Equal(_clock.GetUtcNow(), alert.EscalatedAt);
        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(AlertStep.Reminded, alert.NextStep(_clock.GetUtcNow(), Defaults));
    }

    [Fact]
    public void AnAlertTakenOnStopsTheLadderButStaysOpenUntilItsReview()
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());
        var clinician = Guid.NewGuid();

        _clock.Advance(TimeSpan.FromMinutes(20));
        alert.Acknowledge(clinician, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(2));

        Assert.True(alert.IsOpen);
        Assert.False(alert.IsDueForNextStep(_clock.GetUtcNow()));
        Assert.Equal(SafetyRules.AlreadyAcknowledged, Assert.Throws<RuleViolationException>(() => alert.NextStep(_clock.GetUtcNow(), Defaults)).Rule);
        Assert.Equal(clinician, alert.AcknowledgedById);
    }

    [Fact]
    public void AnAlertIsTakenOnOnce()
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());
        var first = Guid.NewGuid();
        alert.Acknowledge(first, _clock.GetUtcNow());

        var e = Assert.Throws<RuleViolationException>(() => alert.Acknowledge(Guid.NewGuid(), _clock.GetUtcNow()));

        Assert.Equal(SafetyRules.AlreadyAcknowledged, e.Rule);
        Assert.Equal(first, alert.AcknowledgedById);
    }

    [Fact]
    public void ClosingWithACompleteReviewKeepsItAndTakesTheAlertOnToo()
    {
        var alert = RaiseOnItem9(3, Guid.NewGuid());
        var clinician = Guid.NewGuid();

        alert.Close(clinician, CompleteReview(), _clock.GetUtcNow());

        Assert.False(alert.IsOpen);
        Assert.Equal((clinician, clinician), (alert.AcknowledgedById, alert.ClosedById));
        Assert.Equal(PlanState.NoPlan, alert.Review!.Plan);
        Assert.Equal(["Called the patient"], alert.Review.ActionWords());
        Assert.Equal(SafetyRules.AlreadyClosed, Assert.Throws<RuleViolationException>(() => alert.Close(clinician, CompleteReview(), _clock.GetUtcNow())).Rule);
    }

    public static TheoryData<string> Gaps() => ["Thoughts", "Plan", "Intent", "Means", "PastAttempts", "Protective", "Formulation", "Actions", "FollowUpAt"];

    [Theory]
    [MemberData(nameof(Gaps))]
    public void AReviewMissingAnyPartCannotCloseTheAlertAndNamesThePart(string missing)
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());
        var full = CompleteReview();
        var review = missing switch
        {
            "Thoughts" => full with { Thoughts = null },
            "Plan" => full with { Plan = null },
            "Intent" => full with { Intent = null },
            "Means" => full with { Means = null },
            "PastAttempts" => full with { PastAttempts = null },
            "Protective" => full with { Protective = "  " },
            "Formulation" => full with { Formulation = "Low mood." },
            "Actions" => full with { Actions = RiskAction.None, OtherAction = " " },
            _ => full with { FollowUpAt = _clock.GetUtcNow().AddMinutes(-1) },
        };

        var e = Assert.Throws<RuleViolationException>(() => alert.Close(Guid.NewGuid(), review, _clock.GetUtcNow()));

        Assert.Equal(SafetyRules.ReviewIncomplete, e.Rule);
        Assert.Equal(missing, Assert.Single(review.Gaps(_clock.GetUtcNow())).Field);
        Assert.True(alert.IsOpen);
        Assert.Null(alert.AcknowledgedAt);
    }

    [Fact]
    public void AFollowUpMoreThanFourWeeksAwayIsRefused()
    {
        var review = CompleteReview() with { FollowUpAt = _clock.GetUtcNow().AddDays(29) };

        Assert.Equal("FollowUpAt", Assert.Single(review.Gaps(_clock.GetUtcNow())).Field);
    }

    [Fact]
    public void AnEscalatedAlertCanStillBeTakenOn()
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());
        _clock.Advance(TimeSpan.FromHours(1));
        alert.NextStep(_clock.GetUtcNow(), Defaults);

        alert.Acknowledge(Guid.NewGuid(), _clock.GetUtcNow());

        Assert.True(alert.IsAcknowledged);
        Assert.False(alert.IsDueForNextStep(_clock.GetUtcNow().AddHours(1)));
    }

    [Fact]
    public void EachChangeMovesTheVersionSoConcurrentWritersConflict()
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());
        _clock.Advance(TimeSpan.FromHours(1));

        alert.NextStep(_clock.GetUtcNow(), Defaults);
        alert.Acknowledge(Guid.NewGuid(), _clock.GetUtcNow());
        alert.Close(Guid.NewGuid(), CompleteReview(), _clock.GetUtcNow());

        Assert.Equal(3, alert.Version);
    }

    [Theory]
    [InlineData(60, "1 hour")]
    [InlineData(15, "15 minutes")]
    [InlineData(240, "4 hours")]
    [InlineData(90, "1 hour 30 minutes")]
    [InlineData(1, "1 minute")]
    public void TheConfiguredTimesAreWrittenAsWords(int minutes, string words) =>
        Assert.Equal(words, AlertMail.Duration(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void HighAndElevatedAlertsHaveDifferentSubjectsWithNoClinicalWord()
    {
        var subjects = new[] { AlertMail.Subject(RiskLevel.High), AlertMail.Subject(RiskLevel.Elevated), AlertMail.Subject(RiskLevel.High, 2) };

        Assert.Equal(["Urgent: sign in to Rapport now", "Sign in to Rapport today", "Urgent: sign in to Rapport now (reminder 2)"], subjects);
        Assert.All(subjects.Append(AlertMail.ToOnCall("Sam", RiskLevel.High, Defaults, "https://x/alerts/1").Body), s =>
            Assert.DoesNotMatch("(?i)suicid|harm|risk|PHQ|item|depress|safety", s));
    }

    [Fact]
    public void TheAlertRemembersWhichAnswerRaisedItForClinicians()
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());

        Assert.Equal(InstrumentCatalog.Phq9, alert.InstrumentId);
        Assert.Equal((9, 2), (alert.ItemNumber, alert.ItemScore));
        Assert.Equal("PHQ-9 item 9 answered 2 (\u201cMore than half the days\u201d)", alert.Trigger());
    }

    [Fact]
    public void AnAnswerWithoutRiskRaisesNothing()
    {
        var patient = Guid.NewGuid();
        var scored = InstrumentScoring.Score(InstrumentCatalog.Phq9Instrument, [0, 0, 0, 0, 0, 0, 0, 0, 0, null]);
        var response = AssessmentResponse.Record(patient, patient, scored, Guid.NewGuid(), _clock.GetUtcNow());

        Assert.Throws<ArgumentException>(() => SafetyAlert.Raise(patient, response, new CriticalAnswer(9, 0, RiskLevel.None), Guid.NewGuid(),
            _clock.GetUtcNow(), Defaults));
    }

    [Fact]
    public void TheOpenAlertsListPutsAHighAlertDueSoonerAboveElevatedOnesRaisedBeforeIt()
    {
        var elevatedEarlier = RaiseOnItem9(1, Guid.NewGuid());
        _clock.Advance(TimeSpan.FromMinutes(30));
        var elevatedLater = RaiseOnItem9(1, Guid.NewGuid());
        _clock.Advance(TimeSpan.FromMinutes(30));
        var high = RaiseOnItem9(3, Guid.NewGuid());

        var ordered = SafetyAlert.MostUrgentFirst([elevatedEarlier, elevatedLater, high], Defaults);

        Assert.Equal([high, elevatedEarlier, elevatedLater], ordered);
    }

    [Fact]
    public void AnAlertSomeoneHasTakenOnComesAfterTheOnesNobodyHasTakenOnYet()
    {
        var high = RaiseOnItem9(3, Guid.NewGuid());
        var elevated = RaiseOnItem9(1, Guid.NewGuid());
        high.Acknowledge(Guid.NewGuid(), _clock.GetUtcNow().AddMinutes(5));

        var ordered = SafetyAlert.MostUrgentFirst([high, elevated], Defaults);

        Assert.Equal([elevated, high], ordered);
    }

    [Fact]
    public void TakingAnAlertOnTwiceTellsTheClinicianTheyHaveItAlreadyAndAnotherThatSomeoneHasIt()
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());
        var first = Guid.NewGuid();
        alert.Acknowledge(first, _clock.GetUtcNow());

        var again = Assert.Throws<RuleViolationException>(() => alert.Acknowledge(first, _clock.GetUtcNow()));
        var other = Assert.Throws<RuleViolationException>(() => alert.Acknowledge(Guid.NewGuid(), _clock.GetUtcNow()));

        Assert.Equal("You have already taken this alert on.", again.Message);
        Assert.Equal("A clinician has already taken this alert on.", other.Message);
        Assert.Equal(first, alert.AcknowledgedById);
    }
}
