using Rapport.Web.Features;
using Rapport.Web.Features.Assessments;

namespace Rapport.UnitTests.Features.Assessments;

public sealed class IntakeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 15, 9, 0, 0, TimeSpan.Zero);

    private static readonly Intake.Details Valid = new(
        "  Since my mother died I cannot get going.  ", new DateOnly(2026, 9, 17), "  ", "Sertraline 50 mg",
        "Sam Doe", "Brother", "+44 20 7946 0958", "gb", "Leeds");

    [Fact]
    public void ACompletedIntakeKeepsTheAnswersTidied()
    {
        var intake = Intake.Complete(Guid.NewGuid(), Valid, Now);

        Assert.Equal("Since my mother died I cannot get going.", intake.WhatBringsYou);
        Assert.Equal(new DateOnly(2026, 9, 1), intake.LowMoodSince);
        Assert.Null(intake.PreviousTreatment);
        Assert.Equal("Sertraline 50 mg", intake.Medication);
        Assert.Equal("GB", intake.CountryCode);
        Assert.Equal(Now, intake.CompletedAt);
        Assert.Equal(Now, intake.UpdatedAt);
    }

    [Fact]
    public void UpdatingAnIntakeKeepsWhenItWasFirstCompleted()
    {
        var intake = Intake.Complete(Guid.NewGuid(), Valid, Now);

        intake.Update(Valid with { WhatBringsYou = "Arguments at home", LowMoodSince = null }, Now.AddDays(3));

        Assert.Equal("Arguments at home", intake.WhatBringsYou);
        Assert.Null(intake.LowMoodSince);
        Assert.Equal(Now, intake.CompletedAt);
        Assert.Equal(Now.AddDays(3), intake.UpdatedAt);
    }

    public static TheoryData<Intake.Details, string> Refused => new()
    {
        { Valid with { WhatBringsYou = " " }, "Tell us in a few words what brings you." },
        { Valid with { LowMoodSince = new DateOnly(2027, 1, 1) }, "cannot begin in the future" },
        { Valid with { EmergencyContactName = "" }, "someone we may call in an emergency" },
        { Valid with { EmergencyContactPhone = " " }, "someone we may call in an emergency" },
        { Valid with { EmergencyContactPhone = "call my brother" }, "emergency contact's phone: write the number with its country code" },
        { Valid with { EmergencyContactPhone = "+ 1" }, "emergency contact's phone: write the number with its country code" },
        { Valid with { CountryCode = "" }, "Choose your country." },
        { Valid with { CountryCode = "GBR" }, "Choose your country." },
        { Valid with { CountryCode = "G1" }, "Choose your country." },
        { Valid with { UsualLocation = "  " }, "the town or area where you usually are" },
    };

    public static TheoryData<Intake.Details, string> TooLong => new()
    {
        { Valid with { WhatBringsYou = new string('a', Intake.MaxText + 1) }, Intake.Questions.WhatBringsYou + " has 2,001 characters. Each answer can be at most 2,000 characters." },
        { Valid with { PreviousTreatment = new string('a', Intake.MaxText + 1) }, Intake.Questions.PreviousTreatment + " has 2,001 characters." },
        { Valid with { Medication = new string('a', Intake.MaxText + 5) }, Intake.Questions.Medication + " has 2,005 characters." },
    };

    [Fact]
    public void EveryMissingAnswerIsNamedAtOnceInTheFormsOrderAndTheRefusalCarriesThemAll()
    {
        var details = Valid with { WhatBringsYou = "", EmergencyContactName = "", UsualLocation = "" };
        var intake = Intake.Complete(Guid.NewGuid(), Valid, Now);

        var problems = Intake.ProblemsWith(details, Now);
        var refused = Assert.Throws<RuleViolationException>(() => intake.Update(details, Now));

        Assert.Equal([Intake.Part.WhatBringsYou, Intake.Part.EmergencyContact, Intake.Part.UsualLocation], problems.Select(p => p.Part));
        Assert.All(problems, p => Assert.Contains(p.Message, refused.Message, StringComparison.Ordinal));
        Assert.Equal(Valid.UsualLocation.Trim(), intake.UsualLocation);
    }

    [Fact]
    public void AnEmptyEmergencyPhoneIsOneProblemNotAlsoAnUndiallableNumber() =>
        Assert.Equal([Intake.Part.EmergencyContact], Intake.ProblemsWith(Valid with { EmergencyContactPhone = "" }, Now).Select(p => p.Part));

    [Theory]
    [MemberData(nameof(TooLong))]
    public void AnOverLongAnswerIsRefusedWholeNamingTheQuestionAndItsLength(Intake.Details details, string message)
    {
        var intake = Intake.Complete(Guid.NewGuid(), Valid, Now);

        var e = Assert.Throws<RuleViolationException>(() => intake.Update(details, Now.AddDays(1)));

        Assert.Equal(AssessmentRules.IntakeTextTooLong, e.Rule);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal("Since my mother died I cannot get going.", intake.WhatBringsYou);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void AnIncompleteOrWrongIntakeIsRefusedWithWhatToFix(Intake.Details details, string message)
    {
        var intake = Intake.Complete(Guid.NewGuid(), Valid, Now);

        var e = Assert.Throws<RuleViolationException>(() => intake.Update(details, Now.AddDays(1)));

        Assert.Equal(AssessmentRules.IntakeIncomplete, e.Rule);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(Now, intake.UpdatedAt);
        Assert.Equal("Since my mother died I cannot get going.", intake.WhatBringsYou);
    }

    [Fact]
    public void ALowMoodThatBeganThisMonthIsAccepted()
    {
        var intake = Intake.Complete(Guid.NewGuid(), Valid with { LowMoodSince = new DateOnly(2026, 12, 15) }, Now);

        Assert.Equal(new DateOnly(2026, 12, 1), intake.LowMoodSince);
    }

    [Fact]
    public void ALifeEventIsKeptToItsMonth()
    {
        var recordedBy = Guid.NewGuid();

        var e = LifeEvent.Record(Guid.NewGuid(), LifeEventKind.Death, new DateOnly(2026, 8, 23), "  My mother  ", recordedBy, Now);

        Assert.Equal(new DateOnly(2026, 8, 1), e.Month);
        Assert.Equal("My mother", e.Description);
        Assert.Equal(recordedBy, e.RecordedById);
    }

    [Fact]
    public void ALifeEventWithABlankDescriptionHasNone()
    {
        Assert.Null(LifeEvent.Record(Guid.NewGuid(), LifeEventKind.Move, new DateOnly(2026, 1, 1), " ", Guid.NewGuid(), Now).Description);
    }

    [Theory]
    [InlineData("2027-01-01", 9)]
    [InlineData("1899-12-01", 9)]
    [InlineData("2026-06-01", 99)]
    public void ALifeEventInTheFutureOrOfNoKnownKindIsRefused(string month, int kind)
    {
        var e = Assert.Throws<RuleViolationException>(() =>
            LifeEvent.Record(Guid.NewGuid(), (LifeEventKind)kind, DateOnly.Parse(month, System.Globalization.CultureInfo.InvariantCulture), null, Guid.NewGuid(), Now));

        Assert.Equal(AssessmentRules.LifeEventDate, e.Rule);
    }

    [Fact]
    public void ALifeEventDescriptionLongerThan300CharactersIsRefused()
    {
        var e = Assert.Throws<RuleViolationException>(() =>
            LifeEvent.Record(Guid.NewGuid(), LifeEventKind.Other, new DateOnly(2026, 1, 1), new string('a', 301), Guid.NewGuid(), Now));

        Assert.Equal(AssessmentRules.LifeEventDate, e.Rule);
    }

    [Fact]
    public void EveryLifeEventKindHasAPlainDescription()
    {
        Assert.All(Enum.GetValues<LifeEventKind>(), kind => Assert.False(string.IsNullOrWhiteSpace(LifeEvent.Describe(kind))));
        Assert.Equal(Enum.GetValues<LifeEventKind>().Length, Enum.GetValues<LifeEventKind>().Select(LifeEvent.Describe).Distinct().Count());
    }
}
