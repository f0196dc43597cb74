using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Assessments;

/// <summary>What a patient tells us before treatment starts (the initial phase, docs/clinical/ipt-course.md#phases). One per patient, updatable.</summary>
public sealed class Intake
{
    private Intake() { }

    public const int MaxText = 2000;

    public Guid PatientId { get; private set; }
    /// <summary>Clinical text: encrypted at rest.</summary>
    public string WhatBringsYou { get; private set; } = "";
    /// <summary>The month the low mood began, as the first day of that month; null when the patient cannot say.</summary>
    public DateOnly? LowMoodSince { get; private set; }
    public string? PreviousTreatment { get; private set; }
    public string? Medication { get; private set; }
    public string EmergencyContactName { get; private set; } = "";
    public string EmergencyContactRelationship { get; private set; } = "";
    /// <summary>E.164, checked with the intake's country as the default (<see cref="InternationalPhone"/>).</summary>
    public string EmergencyContactPhone { get; private set; } = "";
    /// <summary>Decides the crisis numbers shown and which therapists may be licensed to treat.</summary>
    public string CountryCode { get; private set; } = "";
    /// <summary>Where the patient usually is (town or area): needed if an emergency arises during a remote session.</summary>
    public string UsualLocation { get; private set; } = "";
    public DateTimeOffset CompletedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public sealed record Details(string WhatBringsYou, DateOnly? LowMoodSince, string? PreviousTreatment, string? Medication,
        string EmergencyContactName, string EmergencyContactRelationship, string EmergencyContactPhone, string CountryCode, string UsualLocation);

    public static Intake Complete(Guid patientId, Details details, DateTimeOffset now)
    {
        var intake = new Intake { PatientId = patientId, CompletedAt = now };
        intake.Update(details, now);
        return intake;
    }

    public void Update(Details details, DateTimeOffset now)
    {
        var problems = ProblemsWith(details, now);
        if (problems.Count > 0)
        {
            // Every problem at once, so a form or an API client can fix them all in one go.
            throw new RuleViolationException(problems[0].Rule, string.Join(" ", problems.Select(p => p.Message)));
        }
        var contactPhone = InternationalPhone.Normalise(details.EmergencyContactPhone, details.CountryCode);

        WhatBringsYou = details.WhatBringsYou.Trim();
        LowMoodSince = details.LowMoodSince is { } d ? new DateOnly(d.Year, d.Month, 1) : null;
        PreviousTreatment = Blank(details.PreviousTreatment);
        Medication = Blank(details.Medication);
        EmergencyContactName = details.EmergencyContactName.Trim();
        EmergencyContactRelationship = details.EmergencyContactRelationship?.Trim() ?? "";
        EmergencyContactPhone = contactPhone!;
        CountryCode = details.CountryCode.ToUpperInvariant();
        UsualLocation = details.UsualLocation.Trim();
        UpdatedAt = now;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The part of the intake a problem is about, so a form can show it beside its field.</summary>
    public enum Part { WhatBringsYou, LongText, LowMoodSince, EmergencyContact, EmergencyContactPhone, Country, UsualLocation }

    public sealed record Problem(Part Part, string Rule, string Message);

    /// <summary>
    /// Every rule the details break, in the form's order; empty when they make a complete intake. <see cref="Update"/>
    /// refuses on any of them, and a page asks first so that all are shown at once, each beside its answer.
    /// </summary>
    public static IReadOnlyList<Problem> ProblemsWith(Details details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var problems = new List<Problem>();
        void Require(bool condition, Part part, string message, string rule = AssessmentRules.IntakeIncomplete)
        {
            if (!condition)
            {
                problems.Add(new Problem(part, rule, message));
            }
        }
        Require(!string.IsNullOrWhiteSpace(details.WhatBringsYou), Part.WhatBringsYou, "Tell us in a few words what brings you.");
        // Refused whole, never cut (docs/architecture.md, request flow step 6), naming each answer that is too long.
        var tooLong = new (string Name, int Length)[]
        {
            (Questions.WhatBringsYou, TextLimit.Length(details.WhatBringsYou)),
            (Questions.PreviousTreatment, TextLimit.Length(details.PreviousTreatment)),
            (Questions.Medication, TextLimit.Length(details.Medication)),
        }.Where(a => a.Length > MaxText).ToList();
        if (tooLong.Count > 0)
        {
            Require(false, Part.LongText, TextLimit.TooLongMessage(tooLong, MaxText, "answer"), AssessmentRules.IntakeTextTooLong);
        }
        Require(details.LowMoodSince is not { } since || since <= DateOnly.FromDateTime(now.UtcDateTime), Part.LowMoodSince, "The low mood cannot begin in the future.");
        var contactGiven = !string.IsNullOrWhiteSpace(details.EmergencyContactName) && !string.IsNullOrWhiteSpace(details.EmergencyContactPhone);
        Require(contactGiven, Part.EmergencyContact, "Give the name and phone number of someone we may call in an emergency.");
        if (!string.IsNullOrWhiteSpace(details.EmergencyContactPhone))
        {
            Require(InternationalPhone.Normalise(details.EmergencyContactPhone, details.CountryCode) is not null, Part.EmergencyContactPhone,
                $"Your emergency contact's phone: {char.ToLowerInvariant(InternationalPhone.Message[0])}{InternationalPhone.Message[1..]}");
        }
        Require(details.CountryCode is { Length: 2 } country && country.All(char.IsAsciiLetter), Part.Country, "Choose your country.");
        Require(!string.IsNullOrWhiteSpace(details.UsualLocation), Part.UsualLocation, "Tell us the town or area where you usually are.");
        return problems;
    }

    /// <summary>The free-text questions as the form asks them, so a refusal says which answer to shorten.</summary>
    public static class Questions
    {
        public const string WhatBringsYou = "\u201cWhat brings you to therapy now?\u201d";
        public const string PreviousTreatment = "\u201cHave you had therapy or other help for your mood before?\u201d";
        public const string Medication = "\u201cDo you take any medication?\u201d";
    }
}

/// <summary>The life events IPT links to the onset of depression (docs/clinical/ipt-course.md#problem-areas): each maps to a likely problem area.</summary>
public enum LifeEventKind
{
    Death = 0,
    Separation = 1,
    Conflict = 2,
    Move = 3,
    NewJobOrSchool = 4,
    Marriage = 5,
    Birth = 6,
    Illness = 7,
    Retirement = 8,
    Other = 9,
}

/// <summary>A dated change in the patient's social world, from the intake or added later; drawn on the timeline beside the mood.</summary>
public sealed class LifeEvent
{
    private LifeEvent() { }

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    public LifeEventKind Kind { get; private set; }
    /// <summary>Approximate: the first day of the month it happened.</summary>
    public DateOnly Month { get; private set; }
    /// <summary>Clinical text: encrypted at rest.</summary>
    public string? Description { get; private set; }
    public Guid RecordedById { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    public static LifeEvent Record(Guid patientId, LifeEventKind kind, DateOnly month, string? description, Guid recordedById, DateTimeOffset now)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new RuleViolationException(AssessmentRules.LifeEventDate, "Choose what kind of event it was.");
        }
        if (month > DateOnly.FromDateTime(now.UtcDateTime) || month.Year < 1900)
        {
            throw new RuleViolationException(AssessmentRules.LifeEventDate, "A life event needs a month and year that has already come.");
        }
        if (description?.Length > 300)
        {
            throw new RuleViolationException(AssessmentRules.LifeEventDate, "Describe the event in at most 300 characters.");
        }
        return new LifeEvent
        {
            Id = Guid.CreateVersion7(now),
            PatientId = patientId,
            Kind = kind,
            Month = new DateOnly(month.Year, month.Month, 1),
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            RecordedById = recordedById,
            RecordedAt = now,
        };
    }

    public static string Describe(LifeEventKind kind) => kind switch
    {
        LifeEventKind.Death => "A death",
        LifeEventKind.Separation => "A separation or break-up",
        LifeEventKind.Conflict => "A conflict or dispute",
        LifeEventKind.Move => "A move",
        LifeEventKind.NewJobOrSchool => "A new job or school",
        LifeEventKind.Marriage => "A marriage",
        LifeEventKind.Birth => "A birth",
        LifeEventKind.Illness => "An illness",
        LifeEventKind.Retirement => "Retirement",
        _ => "Another change",
    };
}
