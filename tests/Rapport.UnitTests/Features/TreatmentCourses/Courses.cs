using Rapport.Web.Features;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

/// <summary>Courses at each point of the IPT path, built only through the entities' own methods.</summary>
internal static class Courses
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    public static TreatmentCourse InAssessment() => TreatmentCourse.Open(Guid.NewGuid(), Guid.NewGuid(), Now);

    public static TreatmentCourse InInitial()
    {
        var course = InAssessment();
        course.BeginInitialPhase(Now);
        return course;
    }

    public static Formulation.Details RoleDispute(IReadOnlyList<Guid>? people = null) => new(
        [new ProblemFocus(ProblemArea.RoleDispute, DisputeStage.Impasse)],
        "Arguments with my partner about money since I lost my job", Today.AddMonths(-3), people ?? [],
        ["Bring the dispute into the open", "Agree how we share the household money"],
        "Your low mood began when the arguments with Sam stopped getting resolved.");

    public static Formulation WrittenFormulation(TreatmentCourse course, Formulation.Details? details = null) =>
        Formulation.Write(course, details ?? RoleDispute(), null, course.TherapistId, Now);

    public static Formulation AgreedFormulation(TreatmentCourse course)
    {
        var formulation = WrittenFormulation(course);
        formulation.RecordAgreement(AgreementChannel.InSession, course.TherapistId, Now);
        return formulation;
    }

    public static TreatmentContract.Terms Terms(int sessions = 16) => TreatmentContract.Terms.Defaults(Today) with { SessionCount = sessions };

    public static TreatmentContract SignedContract(TreatmentCourse course, Formulation formulation, int sessions = 16)
    {
        var contract = TreatmentContract.Draft(course, formulation, Terms(sessions), Now);
        SignBoth(contract);
        return contract;
    }

    public static void SignBoth(TreatmentContract contract)
    {
        contract.Sign(ContractParty.Patient, contract.PatientId, "Alex Patient", "Alex Patient", true, Now);
        contract.Sign(ContractParty.Therapist, contract.TherapistId, "Dr Tess Therapist", "Dr Tess Therapist", true, Now);
    }

    /// <summary>A course in the middle phase with a signed contract of <paramref name="sessions"/> and <paramref name="held"/> sessions held.</summary>
    public static TreatmentCourse InMiddle(int sessions = 16, int held = 3)
    {
        var course = InInitial();
        var formulation = AgreedFormulation(course);
        course.AdoptContract(SignedContract(course, formulation, sessions), Now);
        Hold(course, held);
        course.BeginMiddlePhase(formulation, Now);
        return course;
    }

    public static TreatmentCourse InTermination(int sessions = 16)
    {
        var course = InMiddle(sessions, held: sessions - TreatmentCourse.TerminationWindowFor(sessions));
        course.BeginTermination(Now);
        return course;
    }

    public static void Hold(TreatmentCourse course, int count)
    {
        for (var i = 0; i < count; i++)
        {
            course.RecordSessionHeld(Guid.NewGuid(), Now.AddDays(7 * course.Sessions.Count), Now);
        }
    }

    public static TerminationReview.Details ReviewDetails(MaintenanceDecision decision = MaintenanceDecision.Maintenance) => new(
        [new ScoreComparison("PHQ-9", 18, 4), new ScoreComparison("GAD-7", 12, 5)],
        "I can say what I need to Sam without it becoming a fight.",
        [new WarningSign("Staying in bed at weekends", "Call my sister and plan one outing")],
        [new AnticipatedProblem("Christmas with Sam's family", "Agree beforehand how long we stay")],
        "My sister Ana, 0170 1234567; emergency number 112",
        decision, null);

    public static TerminationReview CompletedReview(TreatmentCourse course, MaintenanceDecision decision = MaintenanceDecision.Maintenance)
    {
        var review = TerminationReview.Start(course, Now);
        review.Edit(ReviewDetails(decision), Now);
        review.Complete(course.TherapistId, Now);
        return review;
    }

    public static TreatmentCourse InMaintenance()
    {
        var course = InTermination();
        var review = CompletedReview(course);
        course.BeginMaintenance(review, MaintenancePlan.Create(course, review, MaintenanceFrequency.Monthly, 12, Today, Now), Now);
        return course;
    }

    public static TreatmentCourse Closed()
    {
        var course = InTermination();
        course.Close(CompletedReview(course, MaintenanceDecision.NoMaintenance), Now);
        return course;
    }

    public static string Refused(Action action) => Assert.Throws<RuleViolationException>(action).Rule;
}
