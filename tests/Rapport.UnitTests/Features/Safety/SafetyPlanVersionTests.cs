using Rapport.Web.Features;
using Rapport.Web.Features.Safety;

namespace Rapport.UnitTests.Features.Safety;

public sealed class SafetyPlanVersionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Patient = Guid.NewGuid();

    private static readonly SafetyPlanVersion.Steps Steps = new(
        "  Not sleeping, staying in bed  ", "Walk the dog", "The library", "My sister Ana, 0170 1234567",
        "Dr Test; Samaritans 116 123", "Medicines locked away by Ana", "My children");

    [Fact]
    public void TheFirstPlanIsVersionOne()
    {
        var author = Guid.NewGuid();

        var plan = SafetyPlanVersion.Write(Patient, null, Steps, author, Now);

        Assert.Equal(1, plan.Version);
        Assert.Equal(Patient, plan.PatientId);
        Assert.Equal(author, plan.AuthoredById);
        Assert.Equal("Not sleeping, staying in bed", plan.WarningSigns);
        Assert.Equal(Steps with { WarningSigns = "Not sleeping, staying in bed" }, plan.ToSteps());
    }

    [Fact]
    public void EverySaveIsANewVersionAndThePreviousStaysAsItWas()
    {
        var first = SafetyPlanVersion.Write(Patient, null, Steps, Guid.NewGuid(), Now);

        var second = SafetyPlanVersion.Write(Patient, first, Steps with { CopingStrategies = "Music" }, Guid.NewGuid(), Now.AddDays(7));
        var third = SafetyPlanVersion.Write(Patient, second, Steps, Guid.NewGuid(), Now.AddDays(14));

        Assert.Equal((2, 3), (second.Version, third.Version));
        Assert.Equal("Walk the dog", first.CopingStrategies);
        Assert.Equal("Music", second.CopingStrategies);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void APlanNeedsAtLeastOneStep()
    {
        var empty = new SafetyPlanVersion.Steps(null, " ", "", null, null, null, null);

        var e = Assert.Throws<RuleViolationException>(() => SafetyPlanVersion.Write(Patient, null, empty, Guid.NewGuid(), Now));

        Assert.Equal(SafetyRules.PlanNeedsAStep, e.Rule);
    }

    [Fact]
    public void OneStepIsEnoughAndBlankStepsAreLeftEmpty()
    {
        var plan = SafetyPlanVersion.Write(Patient, null, new SafetyPlanVersion.Steps(null, null, null, null, " ", null, "My dog"), Guid.NewGuid(), Now);

        Assert.Null(plan.ProfessionalsAndCrisisLines);
        Assert.Equal("My dog", plan.ReasonForLiving);
    }

    [Fact]
    public void AStepLongerThanTheLimitIsRefused()
    {
        var e = Assert.Throws<RuleViolationException>(() =>
            SafetyPlanVersion.Write(Patient, null, Steps with { MakingTheEnvironmentSafe = new string('a', SafetyPlanVersion.MaxStepLength + 1) }, Guid.NewGuid(), Now));

        Assert.Equal(SafetyRules.PlanStepTooLong, e.Rule);
    }

    [Fact]
    public void AnotherPatientsPlanCannotBeTheBasis()
    {
        var someoneElses = SafetyPlanVersion.Write(Guid.NewGuid(), null, Steps, Guid.NewGuid(), Now);

        Assert.Throws<ArgumentException>(() => SafetyPlanVersion.Write(Patient, someoneElses, Steps, Guid.NewGuid(), Now));
    }

    [Fact]
    public void APlanSavedWithTheSameWordsIsNoNewVersion()
    {
        var first = SafetyPlanVersion.Write(Patient, null, Steps, Guid.NewGuid(), Now);

        var e = Assert.Throws<RuleViolationException>(() => SafetyPlanVersion.Write(Patient, first, Steps, Guid.NewGuid(), Now.AddDays(1)));

        Assert.Equal(SafetyRules.PlanUnchanged, e.Rule);
        Assert.Equal("Nothing had changed, so the plan is as it was.", e.Message);
    }

    [Fact]
    public void SpacesAroundAStepAndTheKindOfLineBreakChangeNothingButOneWordDoes()
    {
        var plan = SafetyPlanVersion.Write(Patient, null, Steps with { CopingStrategies = "Walk the dog\nMusic" }, Guid.NewGuid(), Now);

        Assert.True(plan.Holds(Steps with { WarningSigns = "Not sleeping, staying in bed", CopingStrategies = "  Walk the dog\r\nMusic \r\n" }));
        Assert.False(plan.Holds(Steps with { CopingStrategies = "Walk the dog\nMusic, loud" }));
        Assert.False(plan.Holds(Steps with { CopingStrategies = "Walk the dog\nMusic", ReasonForLiving = " " }));
    }

    [Fact]
    public void TheSixStepsComeInTheOrderThePlanIsUsed()
    {
        var plan = SafetyPlanVersion.Write(Patient, null, Steps, Guid.NewGuid(), Now);

        var numbered = plan.Numbered();

        Assert.Equal([1, 2, 3, 4, 5, 6], numbered.Select(s => s.Number));
        Assert.Equal(["Not sleeping, staying in bed", "Walk the dog", "The library", "My sister Ana, 0170 1234567", "Dr Test; Samaritans 116 123",
            "Medicines locked away by Ana"], numbered.Select(s => s.Text));
    }
}
