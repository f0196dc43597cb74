namespace Rapport.Web.Features.TreatmentCourses;

public enum InventoryState
{
    /// <summary>The patient's own list, prepared before the session; the patient may still change it.</summary>
    Draft = 0,
    /// <summary>Gone through with the therapist. From here only the therapist changes it (the inventory is revisited during treatment).</summary>
    Completed = 1,
}

public enum InventoryEditor
{
    Patient = 0,
    Therapist = 1,
}

public enum ContactFrequency
{
    Daily = 0,
    Weekly = 1,
    Monthly = 2,
    Rarely = 3,
    /// <summary>No contact now: estranged, moved away, or died (grief).</summary>
    None = 4,
}

public enum ExpectationsMet
{
    Unknown = 0,
    Met = 1,
    PartlyMet = 2,
    /// <summary>Non-reciprocal expectations point to a role dispute (docs/clinical/ipt-course.md#interpersonal-inventory).</summary>
    NotMet = 3,
}

/// <summary>
/// One important person in the patient's life, with the fields of docs/clinical/ipt-course.md#interpersonal-inventory. Closeness is the ring on the
/// closeness circle: 1 innermost (closest) to 3 outermost. Three rings: the reference says "usually 3–4",
/// and three keep the circle legible on a phone; anyone further out is simply not on the list.
/// </summary>
public sealed class InventoryPerson
{
    private InventoryPerson() { }

    public const int MaxNameLength = 100;
    public const int MaxTextLength = 1000;
    public const int InnermostRing = 1;
    public const int OutermostRing = 3;

    public Guid Id { get; private set; }
    // Every text below is clinical: encrypted at rest.
    public string Name { get; private set; } = "";
    /// <summary>Partner, mother, boss …</summary>
    public string Role { get; private set; } = "";
    public ContactFrequency Contact { get; private set; }
    /// <summary>What they do together, and how they meet or talk.</summary>
    public string? TimeTogether { get; private set; }
    public int ClosenessRing { get; private set; }
    public string? CanTalkAbout { get; private set; }
    public string? CannotTalkAbout { get; private set; }
    public string? SatisfyingAspects { get; private set; }
    /// <summary>With examples: how arguments go and whether they get resolved.</summary>
    public string? UnsatisfyingAspects { get; private set; }
    public string? PatientExpects { get; private set; }
    public string? TheyExpect { get; private set; }
    public ExpectationsMet ExpectationsMet { get; private set; }
    public string? DesiredChange { get; private set; }
    /// <summary>Did the relationship change around the onset of the depression?</summary>
    public string? LinkToEpisode { get; private set; }
    /// <summary>Null when the patient does not know or has not said.</summary>
    public bool? KnowsAboutDepression { get; private set; }
    public ProblemArea? RelatedProblemArea { get; private set; }
    public InventoryEditor AddedBy { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public sealed record Details(string Name, string Role, ContactFrequency Contact, string? TimeTogether, int ClosenessRing,
        string? CanTalkAbout, string? CannotTalkAbout, string? SatisfyingAspects, string? UnsatisfyingAspects,
        string? PatientExpects, string? TheyExpect, ExpectationsMet ExpectationsMet, string? DesiredChange,
        string? LinkToEpisode, bool? KnowsAboutDepression, ProblemArea? RelatedProblemArea)
    {
        /// <summary>The least a patient can write in a draft: who, what they are to them, and how close.</summary>
        public static Details Minimal(string name, string role, int ring, ContactFrequency contact = ContactFrequency.Weekly) =>
            new(name, role, contact, null, ring, null, null, null, null, null, null, ExpectationsMet.Unknown, null, null, null, null);
    }

    internal static InventoryPerson Create(Details details, InventoryEditor by, DateTimeOffset now)
    {
        var person = new InventoryPerson { Id = Guid.CreateVersion7(now), AddedBy = by };
        person.Apply(details, now);
        return person;
    }

    internal void Apply(Details d, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(d);
        const string tooLong = TreatmentCourseRules.InventoryTextTooLong;
        var name = CourseText.Required(d.Name, MaxNameLength, TreatmentCourseRules.InventoryPersonNeedsNameAndRole, tooLong, "Give the person's name (a first name or a nickname is enough).", "The name");
        var role = CourseText.Required(d.Role, MaxNameLength, TreatmentCourseRules.InventoryPersonNeedsNameAndRole, tooLong, "Say who they are to you, for example partner, mother or boss.", "Who they are");
        CourseText.Require(d.ClosenessRing is >= InnermostRing and <= OutermostRing, TreatmentCourseRules.InventoryClosenessRing,
            $"Place the person on a ring from {InnermostRing} (closest) to {OutermostRing}.");
        CourseText.Require(Enum.IsDefined(d.Contact) && Enum.IsDefined(d.ExpectationsMet) && (d.RelatedProblemArea is not { } a || Enum.IsDefined(a)),
            TreatmentCourseRules.InventoryPersonNeedsNameAndRole, "Choose from the lists offered.");
        var texts = new[] { d.TimeTogether, d.CanTalkAbout, d.CannotTalkAbout, d.SatisfyingAspects, d.UnsatisfyingAspects, d.PatientExpects, d.TheyExpect, d.DesiredChange, d.LinkToEpisode }
            .Select(t => CourseText.Limit(t, MaxTextLength, tooLong, "Each answer")).ToArray();
        Name = name;
        Role = role;
        Contact = d.Contact;
        TimeTogether = texts[0];
        ClosenessRing = d.ClosenessRing;
        CanTalkAbout = texts[1];
        CannotTalkAbout = texts[2];
        SatisfyingAspects = texts[3];
        UnsatisfyingAspects = texts[4];
        PatientExpects = texts[5];
        TheyExpect = texts[6];
        ExpectationsMet = d.ExpectationsMet;
        DesiredChange = texts[7];
        LinkToEpisode = texts[8];
        KnowsAboutDepression = d.KnowsAboutDepression;
        RelatedProblemArea = d.RelatedProblemArea;
        UpdatedAt = now;
    }
}

/// <summary>
/// The interpersonal inventory (docs/clinical/ipt-course.md#interpersonal-inventory): the important people in the patient's life. The patient may
/// prepare a draft of their own list; the therapist goes through it with them and completes it.
/// </summary>
public sealed class InterpersonalInventory
{
    private InterpersonalInventory() { }

    public const int MaxPeople = 30;

    private readonly List<InventoryPerson> _people = [];

    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid PatientId { get; private set; }
    public InventoryState State { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public Guid? CompletedById { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<InventoryPerson> People => _people;

    public static InterpersonalInventory Start(TreatmentCourse course, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(course);
        course.EnsureOpen();
        return new InterpersonalInventory
        {
            Id = Guid.CreateVersion7(now),
            CourseId = course.Id,
            PatientId = course.PatientId,
            State = InventoryState.Draft,
            StartedAt = now,
            UpdatedAt = now,
        };
    }

    public InventoryPerson AddPerson(InventoryPerson.Details details, InventoryEditor by, DateTimeOffset now)
    {
        EnsureEditable(by);
        CourseText.Require(_people.Count < MaxPeople, TreatmentCourseRules.InventoryAtMostThirtyPeople,
            $"The inventory holds at most {MaxPeople} people: keep to those who matter most.");
        var person = InventoryPerson.Create(details, by, now);
        _people.Add(person);
        Touch(now);
        return person;
    }

    public void UpdatePerson(Guid personId, InventoryPerson.Details details, InventoryEditor by, DateTimeOffset now)
    {
        EnsureEditable(by);
        Find(personId).Apply(details, now);
        Touch(now);
    }

    public void RemovePerson(Guid personId, InventoryEditor by, DateTimeOffset now)
    {
        EnsureEditable(by);
        _people.Remove(Find(personId));
        Touch(now);
    }

    /// <summary>The therapist has gone through the list with the patient.</summary>
    public void Complete(InventoryEditor by, Guid therapistId, DateTimeOffset now)
    {
        CourseText.Require(by == InventoryEditor.Therapist, TreatmentCourseRules.InventoryCompletedWithTherapist,
            "Your therapist will go through the list with you and complete it in a session.");
        CourseText.Require(_people.Count > 0, TreatmentCourseRules.InventoryNeedsAPerson, "Add at least one person before completing the inventory.");
        State = InventoryState.Completed;
        CompletedAt ??= now;
        CompletedById = therapistId;
        Touch(now);
    }

    /// <summary>The people by ring, closest first, for the closeness circle.</summary>
    public ILookup<int, InventoryPerson> ByRing() => _people.OrderBy(p => p.ClosenessRing).ThenBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ToLookup(p => p.ClosenessRing);

    private void EnsureEditable(InventoryEditor by) =>
        CourseText.Require(by == InventoryEditor.Therapist || State == InventoryState.Draft, TreatmentCourseRules.InventoryPatientEditsOnlyDraft,
            "Your list has been gone through with your therapist; ask them in your next session to change it.");

    private InventoryPerson Find(Guid personId) =>
        _people.FirstOrDefault(p => p.Id == personId)
        ?? throw new RuleViolationException(TreatmentCourseRules.InventoryPersonNotFound, "That person is not on this list.");

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
