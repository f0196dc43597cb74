using Rapport.Web.Features.TreatmentCourses;
using static Rapport.UnitTests.Features.TreatmentCourses.Courses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

/// <summary>The interpersonal inventory (docs/clinical/ipt-course.md#interpersonal-inventory): the patient's draft, completed with the therapist.</summary>
public sealed class InterpersonalInventoryTests
{
    private static InventoryPerson.Details Sam => new("  Sam ", "Partner", ContactFrequency.Daily, "Cook and watch films", 1,
        "Work, the children", "Money", "Laughs at my jokes", "Arguments about money end in silence",
        "That Sam shares decisions", "That I earn again", ExpectationsMet.NotMet, "Talk about money calmly",
        "The arguments started when I lost my job", false, ProblemArea.RoleDispute);

    [Fact]
    public void APatientPreparesADraftOfTheirOwnList()
    {
        var inventory = InterpersonalInventory.Start(InInitial(), Now);

        var person = inventory.AddPerson(Sam, InventoryEditor.Patient, Now);

        Assert.Equal(InventoryState.Draft, inventory.State);
        Assert.Equal(("Sam", "Partner", 1, ExpectationsMet.NotMet), (person.Name, person.Role, person.ClosenessRing, person.ExpectationsMet));
        Assert.Equal(InventoryEditor.Patient, person.AddedBy);
        Assert.False(person.KnowsAboutDepression);
    }

    [Fact]
    public void TheTherapistCompletesTheInventoryWithThePatient()
    {
        var course = InInitial();
        var inventory = InterpersonalInventory.Start(course, Now);
        inventory.AddPerson(Sam, InventoryEditor.Patient, Now);

        inventory.Complete(InventoryEditor.Therapist, course.TherapistId, Now.AddDays(2));

        Assert.Equal(InventoryState.Completed, inventory.State);
        Assert.Equal((Now.AddDays(2), course.TherapistId), (inventory.CompletedAt!.Value, inventory.CompletedById!.Value));
    }

    [Fact]
    public void ThePatientCannotCompleteTheInventoryAlone()
    {
        var inventory = InterpersonalInventory.Start(InInitial(), Now);
        inventory.AddPerson(Sam, InventoryEditor.Patient, Now);

        Assert.Equal(TreatmentCourseRules.InventoryCompletedWithTherapist, Refused(() => inventory.Complete(InventoryEditor.Patient, Guid.NewGuid(), Now)));
    }

    [Fact]
    public void AnEmptyInventoryCannotBeCompleted()
    {
        var inventory = InterpersonalInventory.Start(InInitial(), Now);

        Assert.Equal(TreatmentCourseRules.InventoryNeedsAPerson, Refused(() => inventory.Complete(InventoryEditor.Therapist, Guid.NewGuid(), Now)));
    }

    [Fact]
    public void ThePatientCannotChangeACompletedInventory()
    {
        var inventory = InterpersonalInventory.Start(InInitial(), Now);
        var sam = inventory.AddPerson(Sam, InventoryEditor.Patient, Now);
        inventory.Complete(InventoryEditor.Therapist, Guid.NewGuid(), Now);

        Assert.Equal(TreatmentCourseRules.InventoryPatientEditsOnlyDraft, Refused(() => inventory.RemovePerson(sam.Id, InventoryEditor.Patient, Now)));
        Assert.Single(inventory.People);
    }

    [Fact]
    public void TheTherapistKeepsACompletedInventoryUpToDate()
    {
        var inventory = InterpersonalInventory.Start(InInitial(), Now);
        var sam = inventory.AddPerson(Sam, InventoryEditor.Patient, Now);
        inventory.Complete(InventoryEditor.Therapist, Guid.NewGuid(), Now);

        inventory.UpdatePerson(sam.Id, Sam with { ClosenessRing = 2 }, InventoryEditor.Therapist, Now.AddDays(14));

        Assert.Equal(2, inventory.People[0].ClosenessRing);
        Assert.Equal(InventoryState.Completed, inventory.State);
    }

    [Fact]
    public void APersonNeedsAName()
    {
        var inventory = InterpersonalInventory.Start(InInitial(), Now);

        Assert.Equal(TreatmentCourseRules.InventoryPersonNeedsNameAndRole, Refused(() => inventory.AddPerson(Sam with { Name = " " }, InventoryEditor.Patient, Now)));
    }

    [Fact]
    public void APersonNeedsARole()
    {
        var inventory = InterpersonalInventory.Start(InInitial(), Now);

        Assert.Equal(TreatmentCourseRules.InventoryPersonNeedsNameAndRole, Refused(() => inventory.AddPerson(Sam with { Role = "" }, InventoryEditor.Patient, Now)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void ClosenessIsARingFromOneToThree(int ring)
    {
        var inventory = InterpersonalInventory.Start(InInitial(), Now);

        Assert.Equal(TreatmentCourseRules.InventoryClosenessRing, Refused(() => inventory.AddPerson(Sam with { ClosenessRing = ring }, InventoryEditor.Patient, Now)));
    }

    [Fact]
    public void AnAnswerLongerThanTheLimitIsRefused()
    {
        var inventory = InterpersonalInventory.Start(InInitial(), Now);

        Assert.Equal(TreatmentCourseRules.InventoryTextTooLong,
            Refused(() => inventory.AddPerson(Sam with { SatisfyingAspects = new string('x', InventoryPerson.MaxTextLength + 1) }, InventoryEditor.Patient, Now)));
    }

    [Fact]
    public void TheInventoryHoldsAtMostThirtyPeople()
    {
        var inventory = InterpersonalInventory.Start(InInitial(), Now);
        for (var i = 0; i < InterpersonalInventory.MaxPeople; i++)
        {
            inventory.AddPerson(InventoryPerson.Details.Minimal($"Person {i}", "Friend", 3), InventoryEditor.Patient, Now);
        }

        Assert.Equal(TreatmentCourseRules.InventoryAtMostThirtyPeople,
            Refused(() => inventory.AddPerson(InventoryPerson.Details.Minimal("One more", "Friend", 3), InventoryEditor.Patient, Now)));
    }

    [Fact]
    public void UpdatingSomeoneNotOnTheListIsRefused()
    {
        var inventory = InterpersonalInventory.Start(InInitial(), Now);

        Assert.Equal(TreatmentCourseRules.InventoryPersonNotFound, Refused(() => inventory.UpdatePerson(Guid.NewGuid(), Sam, InventoryEditor.Therapist, Now)));
    }

    [Fact]
    public void TheCircleListsPeopleByRingClosestFirst()
    {
        var inventory = InterpersonalInventory.Start(InInitial(), Now);
        inventory.AddPerson(InventoryPerson.Details.Minimal("Boss", "Manager", 3), InventoryEditor.Patient, Now);
        inventory.AddPerson(Sam, InventoryEditor.Patient, Now);
        inventory.AddPerson(InventoryPerson.Details.Minimal("Ana", "Sister", 1), InventoryEditor.Patient, Now);

        var rings = inventory.ByRing();

        Assert.Equal(["Ana", "Sam"], rings[1].Select(p => p.Name));
        Assert.Empty(rings[2]);
        Assert.Equal(["Boss"], rings[3].Select(p => p.Name));
    }

    [Fact]
    public void AClosedCourseGetsNoNewInventory()
    {
        Assert.Equal(TreatmentCourseRules.NoChangesWhenClosed, Refused(() => InterpersonalInventory.Start(Closed(), Now)));
    }
}
