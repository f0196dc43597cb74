using Rapport.Web.Features;
using Rapport.Web.Features.Assessments;

namespace Rapport.UnitTests.Features.Assessments;

public sealed class MeasurementPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ByDefaultPhq9IsDueBeforeEverySession()
    {
        var plan = MeasurementPlan.Default(Guid.NewGuid());

        Assert.All(Enumerable.Range(1, 16), session => Assert.True(plan.IsDueAt(InstrumentCatalog.Phq9, session)));
    }

    [Theory]
    [InlineData(InstrumentCatalog.Gad7)]
    [InlineData(InstrumentCatalog.Wsas)]
    public void ByDefaultGad7AndWsasAreDueBeforeEveryFourthSession(string id)
    {
        var plan = MeasurementPlan.Default(Guid.NewGuid());

        Assert.Equal([4, 8, 12, 16], Enumerable.Range(1, 16).Where(session => plan.IsDueAt(id, session)));
    }

    [Fact]
    public void NothingIsDueBeforeTheFirstSession()
    {
        Assert.False(MeasurementPlan.Default(Guid.NewGuid()).IsDueAt(InstrumentCatalog.Phq9, 0));
    }

    [Fact]
    public void InstrumentsOutsideThePlanAreNeverDue()
    {
        var plan = MeasurementPlan.Default(Guid.NewGuid());

        Assert.DoesNotContain(Enumerable.Range(1, 16), session => plan.IsDueAt(InstrumentCatalog.HamD17, session));
        Assert.Null(plan.EveryNth(InstrumentCatalog.Epds));
    }

    [Fact]
    public void TheTherapistChangesHowOftenEachMeasureIsDue()
    {
        var plan = MeasurementPlan.Default(Guid.NewGuid());
        var therapist = Guid.NewGuid();

        plan.Change(2, 3, 16, therapist, Now);

        Assert.Equal([2, 4, 6], Enumerable.Range(1, 6).Where(s => plan.IsDueAt(InstrumentCatalog.Phq9, s)));
        Assert.Equal([3, 6], Enumerable.Range(1, 6).Where(s => plan.IsDueAt(InstrumentCatalog.Gad7, s)));
        Assert.Equal([16], Enumerable.Range(1, 16).Where(s => plan.IsDueAt(InstrumentCatalog.Wsas, s)));
        Assert.Equal(therapist, plan.UpdatedById);
        Assert.Equal(Now, plan.UpdatedAt);
    }

    [Theory]
    [InlineData(0, 4, 4)]
    [InlineData(1, 17, 4)]
    [InlineData(1, 4, -1)]
    public void AnIntervalOutsideOneToSixteenSessionsIsRefusedAndNothingChanges(int phq9, int gad7, int wsas)
    {
        var plan = MeasurementPlan.Default(Guid.NewGuid());

        var e = Assert.Throws<RuleViolationException>(() => plan.Change(phq9, gad7, wsas, Guid.NewGuid(), Now));

        Assert.Equal(AssessmentRules.EveryNthSession, e.Rule);
        Assert.Equal((1, 4, 4), (plan.Phq9EveryNthSession, plan.Gad7EveryNthSession, plan.WsasEveryNthSession));
        Assert.Null(plan.UpdatedAt);
    }

    [Fact]
    public void AClinicianRatedInstrumentCannotBeSentToThePatient()
    {
        var e = Assert.Throws<RuleViolationException>(() => MeasureRequest.Send(Guid.NewGuid(), InstrumentCatalog.HamD17Instrument, Guid.NewGuid(), Now));

        Assert.Equal(AssessmentRules.WrongRater, e.Rule);
    }

    [Fact]
    public void ARequestIsAnsweredOnceByTheFirstResponse()
    {
        var request = MeasureRequest.Send(Guid.NewGuid(), InstrumentCatalog.Gad7Instrument, Guid.NewGuid(), Now);
        var first = AssessmentResponse.Record(request.PatientId, request.PatientId,
            InstrumentScoring.Score(InstrumentCatalog.Gad7Instrument, AnswerSets.Zeroes(InstrumentCatalog.Gad7Instrument)), Guid.NewGuid(), Now.AddHours(1));
        var second = AssessmentResponse.Record(request.PatientId, request.PatientId,
            InstrumentScoring.Score(InstrumentCatalog.Gad7Instrument, AnswerSets.Zeroes(InstrumentCatalog.Gad7Instrument)), Guid.NewGuid(), Now.AddHours(2));

        request.AnsweredBy(first);
        request.AnsweredBy(second);

        Assert.False(request.IsOpen);
        Assert.Equal(first.Id, request.ResponseId);
        Assert.Equal(Now.AddHours(1), request.AnsweredAt);
    }
}
