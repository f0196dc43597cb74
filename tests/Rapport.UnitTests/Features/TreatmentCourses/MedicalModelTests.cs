using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.TreatmentCourses;
using static Rapport.UnitTests.Features.TreatmentCourses.Courses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

/// <summary>Readme rule 32: the working diagnosis from the short list, the sick role's date and the medication decision.</summary>
public sealed class MedicalModelTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void ADiagnosisOnTheListIsRecordedWithItsIcdTitle()
    {
        var course = InInitial();

        course.RecordDiagnosis("6b42", "ignored for a listed code", Now);

        Assert.Equal("6B42", course.DiagnosisCode);
        Assert.Null(course.DiagnosisText);
        Assert.Equal("6B42 Prolonged grief disorder", course.DiagnosisLabel);
    }

    [Fact]
    public void AnotherDiagnosisNeedsItsTextAndACodeOffTheListIsRefused()
    {
        var course = InInitial();

        Assert.Equal(TreatmentCourseRules.OtherDiagnosisNeedsText, Refused(() => course.RecordDiagnosis(DiagnosisList.Other, "  ", Now)));
        Assert.Equal(TreatmentCourseRules.DiagnosisFromTheList, Refused(() => course.RecordDiagnosis("F32.1", null, Now)));
        Assert.Null(course.DiagnosisCode);

        course.RecordDiagnosis(DiagnosisList.Other, "Mixed depressive and anxiety disorder", Now);

        Assert.Equal("Another diagnosis: Mixed depressive and anxiety disorder", course.DiagnosisLabel);
    }

    [Fact]
    public void TheSickRoleIsGivenNeitherInTheFutureNorBeforeTheCourseOpenedOnTheCliniciansClock()
    {
        var course = InInitial();
        // 23:30 UTC on 1 December is already 2 December in Berlin.
        var lateEvening = new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal(TreatmentCourseRules.SickRoleNotInFuture, Refused(() => course.GiveSickRole(Today.AddDays(2), Berlin, lateEvening)));
        Assert.Equal(TreatmentCourseRules.SickRoleNotBeforeCourse, Refused(() => course.GiveSickRole(Today.AddDays(-1), Berlin, lateEvening)));
        Assert.Null(course.SickRoleGivenOn);

        course.GiveSickRole(Today.AddDays(1), Berlin, lateEvening);

        Assert.Equal(Today.AddDays(1), course.SickRoleGivenOn);
    }

    [Fact]
    public void AMedicationDecisionMustBeChosenAndKeepsItsNote()
    {
        var course = InInitial();

        Assert.Equal(TreatmentCourseRules.MedicationDecisionRequired, Refused(() => course.DecideMedication(MedicationDecision.NotDecided, null, Now)));

        course.DecideMedication(MedicationDecision.ReferredForAssessment, " To the GP for sertraline review ", Now);

        Assert.Equal(MedicationDecision.ReferredForAssessment, course.Medication);
        Assert.Equal("To the GP for sertraline review", course.MedicationNote);
    }

    [Fact]
    public void NothingOfTheMedicalModelChangesOnceTheCourseHasEnded()
    {
        var course = InInitial();
        course.EndEarly("The patient moved away", Now);

        Assert.Equal(TreatmentCourseRules.NoChangesWhenClosed, Refused(() => course.RecordDiagnosis("6A70", null, Now)));
    }

    [Fact]
    public void TheSeverityIsTheLatestPhq9OfThisCourseAndAnEarlierCoursesScoreIsNotShown()
    {
        var patient = Guid.NewGuid();
        MeasurePoint Phq9(int[] answers, DateTimeOffset at) => MeasurePoint.Of(AssessmentResponse.Record(patient, patient,
            InstrumentScoring.Score(InstrumentCatalog.Phq9Instrument, [.. answers.Select(a => (int?)a)]), Guid.NewGuid(), at));
        var earlierCourse = Phq9([3, 3, 3, 3, 2, 2, 2, 2, 0, 2], Now.AddMonths(-6));
        var previousEnded = new CourseStart(Now.AddMonths(-3));

        var onlyEarlier = MeasurementHistory.Series(InstrumentCatalog.Phq9Instrument, [earlierCourse], previousEnded);
        var thisCourse = MeasurementHistory.Series(InstrumentCatalog.Phq9Instrument,
            [earlierCourse, Phq9([2, 2, 2, 1, 1, 1, 1, 1, 0, 1], Now.AddDays(-14)), Phq9([1, 1, 1, 1, 1, 1, 1, 1, 0, 1], Now)], previousEnded);

        Assert.Null(MedicalModel.SeverityFrom(onlyEarlier));
        var severity = MedicalModel.SeverityFrom(thisCourse);
        Assert.Equal(8, severity?.Score);
        Assert.Equal("PHQ-9 8, mild on 1 Dec 2026", severity?.Describe(TimeZoneInfo.Utc));
    }
}
