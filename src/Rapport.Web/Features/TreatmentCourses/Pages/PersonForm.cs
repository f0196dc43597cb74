namespace Rapport.Web.Features.TreatmentCourses.Pages;

/// <summary>The fields of one inventory person (docs/clinical/ipt-course.md#interpersonal-inventory) as the therapist's and the patient's forms post them.</summary>
public sealed class PersonForm
{
    public string? Name { get; set; }
    public string? Role { get; set; }
    public ContactFrequency Contact { get; set; } = ContactFrequency.Weekly;
    public string? TimeTogether { get; set; }
    public int ClosenessRing { get; set; } = 2;
    public string? CanTalkAbout { get; set; }
    public string? CannotTalkAbout { get; set; }
    public string? SatisfyingAspects { get; set; }
    public string? UnsatisfyingAspects { get; set; }
    public string? PatientExpects { get; set; }
    public string? TheyExpect { get; set; }
    public ExpectationsMet ExpectationsMet { get; set; }
    public string? DesiredChange { get; set; }
    public string? LinkToEpisode { get; set; }
    public bool? KnowsAboutDepression { get; set; }
    public ProblemArea? RelatedProblemArea { get; set; }

    public InventoryPerson.Details ToDetails() => new(Name ?? "", Role ?? "", Contact, TimeTogether, ClosenessRing, CanTalkAbout, CannotTalkAbout,
        SatisfyingAspects, UnsatisfyingAspects, PatientExpects, TheyExpect, ExpectationsMet, DesiredChange, LinkToEpisode, KnowsAboutDepression,
        RelatedProblemArea);

    public static PersonForm From(InventoryPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new()
        {
            Name = person.Name,
            Role = person.Role,
            Contact = person.Contact,
            TimeTogether = person.TimeTogether,
            ClosenessRing = person.ClosenessRing,
            CanTalkAbout = person.CanTalkAbout,
            CannotTalkAbout = person.CannotTalkAbout,
            SatisfyingAspects = person.SatisfyingAspects,
            UnsatisfyingAspects = person.UnsatisfyingAspects,
            PatientExpects = person.PatientExpects,
            TheyExpect = person.TheyExpect,
            ExpectationsMet = person.ExpectationsMet,
            DesiredChange = person.DesiredChange,
            LinkToEpisode = person.LinkToEpisode,
            KnowsAboutDepression = person.KnowsAboutDepression,
            RelatedProblemArea = person.RelatedProblemArea,
        };
    }
}

/// <summary>What the shared person fields need: the form, whose words to use, and a prefix that keeps ids unique on the page.</summary>
public sealed record PersonFieldsView(PersonForm Form, bool ForPatient, string IdPrefix);

/// <summary>Words for the inventory's lists, for both sides.</summary>
public static class InventoryWords
{
    public static string Contact(ContactFrequency contact) => contact switch
    {
        ContactFrequency.Daily => "Every day",
        ContactFrequency.Weekly => "Every week",
        ContactFrequency.Monthly => "Every month",
        ContactFrequency.Rarely => "Rarely",
        _ => "No contact now",
    };

    public static string Ring(int ring) => ring switch
    {
        1 => "1 · closest",
        2 => "2 · close",
        _ => "3 · further out",
    };

    public static string Expectations(ExpectationsMet met) => met switch
    {
        ExpectationsMet.Met => "Met",
        ExpectationsMet.PartlyMet => "Partly met",
        ExpectationsMet.NotMet => "Not met",
        _ => "Not known yet",
    };

    public static string Knows(bool? knows) => knows switch
    {
        true => "Yes",
        false => "No",
        null => "Not known",
    };
}

/// <summary>The inventory as the closeness circle and its table, for either side. <paramref name="EditUrl"/> null: read only.</summary>
public sealed record InventoryView(InterpersonalInventory? Inventory, string CentreLabel, bool ForPatient, string? EditUrl)
{
    public IReadOnlyList<InventoryPerson> People => Inventory?.People ?? [];

    public string Circle => ClosenessCircle.Render([.. People.Select(CirclePerson.From)], CentreLabel, ForPatient,
        ForPatient ? "my-circle" : "closeness-circle");

    /// <summary>The people with the numbers the circle shows, in its order.</summary>
    public IReadOnlyList<(int Number, InventoryPerson Person)> Numbered
    {
        get
        {
            var ordered = People.OrderBy(p => p.ClosenessRing).ThenBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
            return [.. ordered.Select((p, i) => (i + 1, p))];
        }
    }
}
