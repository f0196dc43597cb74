using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Rapport.Web.Features;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Safety;

namespace Rapport.UnitTests.Features.Safety;

/// <summary>Alert escalation timing (issue 4 §6: 1 h for item 9 ≥ 2, 4 h for item 9 = 1, configurable), on a clock the test moves.</summary>
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

    [Fact]
    public void AHighAlertIsNotDueOneMinuteBeforeTheHour()
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());

        _clock.Advance(TimeSpan.FromMinutes(59));

        Assert.False(alert.IsDueForEscalation(_clock.GetUtcNow()));
        Assert.Equal(SafetyRules.NotYetDue, Assert.Throws<RuleViolationException>(() => alert.Escalate(_clock.GetUtcNow())).Rule);
    }

    [Fact]
    public void AHighAlertIsNotDueOneTickBeforeTheHour()
    {
        var alert = RaiseOnItem9(3, Guid.NewGuid());

        _clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));

        Assert.False(alert.IsDueForEscalation(_clock.GetUtcNow()));
    }

    [Fact]
    public void AHighAlertEscalatesAtExactlyOneHour()
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());
        var raised = _clock.GetUtcNow();

        _clock.Advance(TimeSpan.FromHours(1));
        var due = alert.IsDueForEscalation(_clock.GetUtcNow());
        alert.Escalate(_clock.GetUtcNow());

        Assert.True(due);
        Assert.Equal(RiskLevel.High, alert.Level);
        Assert.Equal(raised.AddHours(1), alert.EscalateAt);
        Assert.Equal(raised.AddHours(1), alert.EscalatedAt);
        Assert.True(alert.IsEscalated);
        Assert.True(alert.IsOpen);
    }

    [Fact]
    public void AnElevatedAlertWaitsFourHours()
    {
        var alert = RaiseOnItem9(1, Guid.NewGuid());

        _clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromMinutes(1));
        var dueBefore = alert.IsDueForEscalation(_clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(1));
        var dueAt = alert.IsDueForEscalation(_clock.GetUtcNow());

        Assert.Equal(RiskLevel.Elevated, alert.Level);
        Assert.False(dueBefore);
        Assert.True(dueAt);
    }

    [Fact]
    public void TheClinicsConfiguredDelaysReplaceTheDefaults()
    {
        var configured = new SafetyOptions();
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Safety:EscalateHighAfter"] = "00:15:00",
            ["Safety:EscalateElevatedAfter"] = "02:00:00",
        }).Build().GetSection("Safety").Bind(configured);
        var high = RaiseOnItem9(2, Guid.NewGuid(), configured);
        var elevated = RaiseOnItem9(1, Guid.NewGuid(), configured);

        _clock.Advance(TimeSpan.FromMinutes(15));
        var highDue = high.IsDueForEscalation(_clock.GetUtcNow());
        var elevatedDueEarly = elevated.IsDueForEscalation(_clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(105));

        Assert.True(highDue);
        Assert.False(elevatedDueEarly);
        Assert.True(elevated.IsDueForEscalation(_clock.GetUtcNow()));
    }

    [Fact]
    public void WithNoTherapistAssignedTheAlertStartsEscalatedToTheAdmins()
    {
        var alert = RaiseOnItem9(1, therapist: null);

        Assert.Null(alert.AssignedTherapistId);
        Assert.True(alert.IsEscalated);
        Assert.Equal(_clock.GetUtcNow(), alert.EscalatedAt);
        _clock.Advance(TimeSpan.FromHours(5));
        Assert.False(alert.IsDueForEscalation(_clock.GetUtcNow()));
    }

    [Fact]
    public void AnAcknowledgedAlertIsNeverDue()
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());
        var clinician = Guid.NewGuid();

        _clock.Advance(TimeSpan.FromMinutes(20));
        alert.Acknowledge(clinician, "  Called the patient; safety plan reviewed.  ", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(2));

        Assert.False(alert.IsOpen);
        Assert.False(alert.IsDueForEscalation(_clock.GetUtcNow()));
        Assert.Equal(SafetyRules.AlreadyAcknowledged, Assert.Throws<RuleViolationException>(() => alert.Escalate(_clock.GetUtcNow())).Rule);
        Assert.Equal("Called the patient; safety plan reviewed.", alert.ActionTaken);
        Assert.Equal(clinician, alert.AcknowledgedById);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ok")]
    [InlineData(" done ")]
    public void AcknowledgingNeedsANoteOfWhatWasDone(string note)
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());

        var e = Assert.Throws<RuleViolationException>(() => alert.Acknowledge(Guid.NewGuid(), note, _clock.GetUtcNow()));

        Assert.Equal(SafetyRules.ActionRequired, e.Rule);
        Assert.True(alert.IsOpen);
    }

    [Fact]
    public void ANoteLongerThanTheLimitIsRefused()
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());

        var e = Assert.Throws<RuleViolationException>(() => alert.Acknowledge(Guid.NewGuid(), new string('a', SafetyAlert.MaxActionLength + 1), _clock.GetUtcNow()));

        Assert.Equal(SafetyRules.ActionRequired, e.Rule);
    }

    [Fact]
    public void AnAlertIsAcknowledgedOnce()
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());
        var first = Guid.NewGuid();
        alert.Acknowledge(first, "Called the patient.", _clock.GetUtcNow());

        var e = Assert.Throws<RuleViolationException>(() => alert.Acknowledge(Guid.NewGuid(), "Called again.", _clock.GetUtcNow()));

        Assert.Equal(SafetyRules.AlreadyAcknowledged, e.Rule);
        Assert.Equal(first, alert.AcknowledgedById);
        Assert.Equal("Called the patient.", alert.ActionTaken);
    }

    [Fact]
    public void AnEscalatedAlertIsNotEscalatedTwice()
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());
        _clock.Advance(TimeSpan.FromHours(1));
        alert.Escalate(_clock.GetUtcNow());

        _clock.Advance(TimeSpan.FromHours(1));

        Assert.False(alert.IsDueForEscalation(_clock.GetUtcNow()));
        Assert.Equal(SafetyRules.AlreadyEscalated, Assert.Throws<RuleViolationException>(() => alert.Escalate(_clock.GetUtcNow())).Rule);
    }

    [Fact]
    public void AnEscalatedAlertCanStillBeAcknowledged()
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());
        _clock.Advance(TimeSpan.FromHours(1));
        alert.Escalate(_clock.GetUtcNow());

        alert.Acknowledge(Guid.NewGuid(), "Admin called the patient.", _clock.GetUtcNow());

        Assert.False(alert.IsOpen);
    }

    [Fact]
    public void EachChangeMovesTheVersionSoConcurrentWritersConflict()
    {
        var alert = RaiseOnItem9(2, Guid.NewGuid());
        _clock.Advance(TimeSpan.FromHours(1));

        alert.Escalate(_clock.GetUtcNow());
        alert.Acknowledge(Guid.NewGuid(), "Called the patient.", _clock.GetUtcNow());

        Assert.Equal(2, alert.Version);
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
}
