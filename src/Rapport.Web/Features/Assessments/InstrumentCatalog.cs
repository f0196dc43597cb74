namespace Rapport.Web.Features.Assessments;

/// <summary>
/// Every instrument Rapport knows, with the numbers from docs/clinical/measures.md (and its sources). Item wording of the
/// public-domain instruments is the published wording; restricted instruments are described but their
/// published wording is not shipped.
/// </summary>
public static class InstrumentCatalog
{
    public const string Phq9 = "phq-9";
    public const string Gad7 = "gad-7";
    public const string Wsas = "wsas";
    public const string HamD17 = "ham-d-17";
    public const string Epds = "epds";
    public const string CssrsElectronic = "c-ssrs";
    public const string SasSr = "sas-sr";
    public const string Bdi = "bdi-ii";

    private static readonly AnswerOption[] Frequency =
    [
        new(0, "Not at all", 0),
        new(1, "Several days", 1),
        new(2, "More than half the days", 2),
        new(3, "Nearly every day", 3),
    ];

    private static readonly AnswerOption[] Difficulty =
    [
        new(0, "Not difficult at all", 0),
        new(1, "Somewhat difficult", 1),
        new(2, "Very difficult", 2),
        new(3, "Extremely difficult", 3),
    ];

    private const string DifficultyQuestion =
        "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?";

    private const string PhqAttribution =
        "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.";

    public static readonly Instrument Phq9Instrument = new(
        Phq9, "PHQ-9", "Patient Health Questionnaire (PHQ-9)", Rater.Patient, "the last 2 weeks",
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        [
            new(1, "Little interest or pleasure in doing things", Frequency, Loinc: "44250-9"),
            new(2, "Feeling down, depressed, or hopeless", Frequency, Loinc: "44255-8"),
            new(3, "Trouble falling or staying asleep, or sleeping too much", Frequency, Loinc: "44259-0"),
            new(4, "Feeling tired or having little energy", Frequency, Loinc: "44254-1"),
            new(5, "Poor appetite or overeating", Frequency, Loinc: "44251-7"),
            new(6, "Feeling bad about yourself, or that you are a failure or have let yourself or your family down", Frequency, Loinc: "44258-2"),
            new(7, "Trouble concentrating on things, such as reading the newspaper or watching television", Frequency, Loinc: "44252-5"),
            new(8, "Moving or speaking so slowly that other people could have noticed; or the opposite, being so fidgety or restless that you have been moving around a lot more than usual", Frequency, Loinc: "44253-3"),
            new(9, "Thoughts that you would be better off dead, or of hurting yourself in some way", Frequency, Loinc: "44260-8"),
            new(10, DifficultyQuestion, Difficulty, Scored: false, Loinc: "69722-7"),
        ],
        [
            new(0, 4, "Minimal", 0),
            new(5, 9, "Mild", 1),
            new(10, 14, "Moderate", 2),
            new(15, 19, "Moderately severe", 3),
            new(20, 27, "Severe", 4),
        ],
        [new CriticalItem(9, ElevatedAtScore: 1, HighAtScore: 2)],
        new ChangeRules(ReliableChange: 6, RemissionMaximum: 4, ResponseIsHalving: true),
        LicenceKind.PublicDomain, PhqAttribution, "44249-1", "44261-6");

    public static readonly Instrument Gad7Instrument = new(
        Gad7, "GAD-7", "Generalised Anxiety Disorder scale (GAD-7)", Rater.Patient, "the last 2 weeks",
        "Over the last 2 weeks, how often have you been bothered by the following problems?",
        [
            new(1, "Feeling nervous, anxious, or on edge", Frequency),
            new(2, "Not being able to stop or control worrying", Frequency),
            new(3, "Worrying too much about different things", Frequency),
            new(4, "Trouble relaxing", Frequency),
            new(5, "Being so restless that it is hard to sit still", Frequency),
            new(6, "Becoming easily annoyed or irritable", Frequency),
            new(7, "Feeling afraid, as if something awful might happen", Frequency),
            new(8, DifficultyQuestion, Difficulty, Scored: false),
        ],
        [
            new(0, 4, "Minimal", 0),
            new(5, 9, "Mild", 1),
            new(10, 14, "Moderate", 2),
            new(15, 21, "Severe", 3),
        ],
        [],
        // Remission under 5 is unconfirmed (docs/clinical/open-questions.md); it is labelled, cautiously, so both regular questionnaires carry the same labels (readme, rule 7).
        new ChangeRules(ReliableChange: 4, RemissionMaximum: 4, ResponseIsHalving: true),
        LicenceKind.PublicDomain, PhqAttribution, "69737-5", "70274-6");

    private static AnswerOption[] Impairment(bool allowNotWorking)
    {
        var options = new List<AnswerOption>
        {
            new(0, "0 Not at all", 0), new(1, "1", 1), new(2, "2 Slightly", 2), new(3, "3", 3), new(4, "4 Definitely", 4),
            new(5, "5", 5), new(6, "6 Markedly", 6), new(7, "7", 7), new(8, "8 Very severely", 8),
        };
        if (allowNotWorking)
        {
            options.Add(new AnswerOption(9, "Not applicable: I am retired or choose not to have a job for reasons unrelated to my problem", null));
        }
        return [.. options];
    }

    public static readonly Instrument WsasInstrument = new(
        Wsas, "WSAS", "Work and Social Adjustment Scale (WSAS)", Rater.Patient, "at present (the scale sets no fixed period)",
        "People's problems sometimes affect their ability to do certain day-to-day tasks in their lives. For each area, choose how much your problem impairs your ability to carry out the activity: 0 means not at all impaired and 8 means very severely impaired.",
        [
            new(1, "Because of my problem, my ability to work is impaired.", Impairment(allowNotWorking: true)),
            new(2, "Because of my problem, my home management (cleaning, tidying, shopping, cooking, looking after home or children, paying bills) is impaired.", Impairment(false)),
            new(3, "Because of my problem, my social leisure activities (with other people, such as parties, outings, visits, dating, home entertaining) are impaired.", Impairment(false)),
            new(4, "Because of my problem, my private leisure activities (done alone, such as reading, gardening, collecting, sewing, walking alone) are impaired.", Impairment(false)),
            new(5, "Because of my problem, my ability to form and maintain close relationships with others, including those I live with, is impaired.", Impairment(false)),
        ],
        [
            new(0, 9, "Subclinical", 0),
            new(10, 20, "Significant impairment", 1),
            new(21, 40, "Moderately severe or worse", 2),
        ],
        [],
        new ChangeRules(ReliableChange: null, RemissionMaximum: null, ResponseIsHalving: false),
        LicenceKind.FreeWithPermission,
        "Work and Social Adjustment Scale © Isaac M. Marks (Mundt, Marks, Shear & Greist, 2002). Used free of charge with the author's permission.",
        null, null);

    private static AnswerOption[] Anchors(params string[] labels) =>
        [.. labels.Select((label, score) => new AnswerOption(score, $"{score} {label}", score))];

    public static readonly Instrument HamD17Instrument = new(
        HamD17, "HAM-D-17", "Hamilton Rating Scale for Depression, 17 items (HAM-D-17)", Rater.Clinician, "the past week",
        "Rate each item from the interview (the SIGH-D structured guide is recommended). Choose the one anchor that best describes the patient over the past week.",
        [
            new(1, "Depressed mood", Anchors("Absent", "Indicated only on questioning", "Spontaneously reported verbally", "Communicated non-verbally (expression, posture, voice, tendency to weep)", "Virtually only these feelings, verbally and non-verbally")),
            new(2, "Feelings of guilt", Anchors("Absent", "Self-reproach, feels they have let people down", "Ideas of guilt or rumination over past errors", "Present illness is a punishment; delusions of guilt", "Hears accusatory voices or has threatening visual hallucinations")),
            new(3, "Suicide", Anchors("Absent", "Feels life is not worth living", "Wishes they were dead, or any thoughts of possible death to self", "Suicidal ideas or gesture", "Attempts at suicide")),
            new(4, "Insomnia: early in the night", Anchors("No difficulty falling asleep", "Occasional difficulty falling asleep (more than half an hour)", "Nightly difficulty falling asleep")),
            new(5, "Insomnia: middle of the night", Anchors("No difficulty", "Restless and disturbed during the night", "Waking during the night; any getting out of bed (except to void)")),
            new(6, "Insomnia: early hours of the morning", Anchors("No difficulty", "Waking in early hours but goes back to sleep", "Unable to fall asleep again on getting out of bed")),
            new(7, "Work and activities", Anchors("No difficulty", "Thoughts and feelings of incapacity, fatigue or weakness related to activities", "Loss of interest in activities, hobbies or work", "Decrease in actual time spent in activities or in productivity", "Stopped working because of present illness")),
            new(8, "Retardation (slowness of thought and speech; impaired concentration; decreased motor activity)", Anchors("Normal speech and thought", "Slight retardation during the interview", "Obvious retardation during the interview", "Interview difficult", "Complete stupor")),
            new(9, "Agitation", Anchors("None", "Fidgetiness", "Playing with hands, hair, etc.", "Moving about, cannot sit still", "Hand wringing, nail biting, hair pulling, biting of lips")),
            new(10, "Anxiety: psychic", Anchors("No difficulty", "Subjective tension and irritability", "Worrying about minor matters", "Apprehensive attitude apparent in face or speech", "Fears expressed without questioning")),
            new(11, "Anxiety: somatic (physiological concomitants of anxiety)", Anchors("Absent", "Mild", "Moderate", "Severe", "Incapacitating")),
            new(12, "Somatic symptoms: gastrointestinal", Anchors("None", "Loss of appetite but eating without encouragement", "Difficulty eating without urging; requests medication for bowels or gastrointestinal symptoms")),
            new(13, "General somatic symptoms", Anchors("None", "Heaviness in limbs, back or head; backaches, headaches, muscle aches; loss of energy and fatigability", "Any clear-cut symptom")),
            new(14, "Genital symptoms (loss of libido, menstrual disturbances)", Anchors("Absent", "Mild", "Severe")),
            new(15, "Hypochondriasis", Anchors("Not present", "Self-absorption (bodily)", "Preoccupation with health", "Frequent complaints, requests for help, etc.", "Hypochondriacal delusions")),
            new(16, "Loss of weight", Anchors("No weight loss", "Probable weight loss associated with present illness", "Definite weight loss (according to the patient)")),
            new(17, "Insight", Anchors("Acknowledges being depressed and ill", "Acknowledges illness but attributes cause to bad food, climate, overwork, virus, need for rest, etc.", "Denies being ill at all")),
        ],
        [
            new(0, 7, "Normal", 0),
            new(8, 13, "Mild", 1),
            new(14, 18, "Moderate", 2),
            new(19, 22, "Severe", 3),
            new(23, 52, "Very severe", 4),
        ],
        [new CriticalItem(3, ElevatedAtScore: 1, HighAtScore: 3)],
        new ChangeRules(ReliableChange: null, RemissionMaximum: 7, ResponseIsHalving: true),
        LicenceKind.PublicDomain, "Hamilton M. A rating scale for depression. J Neurol Neurosurg Psychiatry 1960;23:56–62. Public domain.", null, null);

    // Answer options carry no wording: the labels come from the clinic's licensed file (LicensedInstrumentTexts).
    private static AnswerOption[] EpdsReversed() => [.. Enumerable.Range(0, 4).Select(i => new AnswerOption(i, "", 3 - i))];

    private static AnswerOption[] EpdsForward() => [.. Enumerable.Range(0, 4).Select(i => new AnswerOption(i, "", i))];

    /// <summary>
    /// EPDS: the structure and scoring only (items 3 and 5–10 reverse-scored, item 10 critical), each item named by a
    /// topic of a word or two. The published items and answers need RCPsych's written permission to appear online, so
    /// none of their wording is shipped: the clinic supplies it with its licence, in the file named by
    /// <see cref="LicensedInstrumentTexts.EpdsTextsFileSetting"/> (Assessments readme, rule 10a). The instrument is
    /// offered only with a recorded licence and that file.
    /// </summary>
    public static readonly Instrument EpdsInstrument = new(
        Epds, "EPDS", "Edinburgh Postnatal Depression Scale (EPDS)", Rater.Patient, "the past 7 days",
        "The licensed form's instructions are supplied by the clinic.",
        [
            new(1, "Humour", EpdsForward()),
            new(2, "Looking forward", EpdsForward()),
            new(3, "Self-blame", EpdsReversed()),
            new(4, "Worry", EpdsForward()),
            new(5, "Fear", EpdsReversed()),
            new(6, "Coping", EpdsReversed()),
            new(7, "Sleep", EpdsReversed()),
            new(8, "Sadness", EpdsReversed()),
            new(9, "Tearfulness", EpdsReversed()),
            new(10, "Self-harm thoughts", EpdsReversed()),
        ],
        [
            new(0, 9, "Below the screening threshold", 0),
            new(10, 12, "Possible depression", 1),
            new(13, 30, "Probable depression", 2),
        ],
        [new CriticalItem(10, ElevatedAtScore: 1, HighAtScore: null)],
        new ChangeRules(ReliableChange: null, RemissionMaximum: null, ResponseIsHalving: false),
        LicenceKind.Restricted,
        "Edinburgh Postnatal Depression Scale © 1987 The Royal College of Psychiatrists (Cox, Holden & Sagovsky). Shown under the clinic's recorded permission, in the wording the clinic supplied with it.",
        "71354-5", "99046-5", TextsFromLicenceFile: true);

    private static Instrument RestrictedUnbundled(string id, string shortName, string title, Rater rater, string attribution) => new(
        id, shortName, title, rater, "see the licensed form", "The licensed form is supplied by the licence holder.",
        [], [], [], new ChangeRules(null, null, false), LicenceKind.Restricted, attribution, null, null);

    public static readonly IReadOnlyList<Instrument> All =
    [
        Phq9Instrument,
        Gad7Instrument,
        WsasInstrument,
        HamD17Instrument,
        EpdsInstrument,
        RestrictedUnbundled(CssrsElectronic, "C-SSRS", "Columbia Suicide Severity Rating Scale, electronic version", Rater.Clinician,
            "Electronic versions of the C-SSRS are licensed exclusively through Clario; each version, language and platform needs certification."),
        RestrictedUnbundled(SasSr, "SAS-SR", "Social Adjustment Scale – Self-Report", Rater.Patient,
            "© Multi-Health Systems (MHS). Sold by MHS to qualified users (level B)."),
        RestrictedUnbundled(Bdi, "BDI-II", "Beck Depression Inventory–II", Rater.Patient,
            "© Pearson. Online administration needs a licence from the publisher."),
    ];

    public static Instrument? Find(string? id) => All.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The neutral key that stands for each instrument in page addresses (<c>/measures/{key}</c>,
    /// <c>/therapist/patients/{id}/rate/{key}</c>): an address stays in browser history and proxy logs and must not
    /// say which questionnaire someone answered (readme, rule 13). Fixed, so bookmarks and e-mailed links keep
    /// working; opaque, not secret.
    /// </summary>
    private static readonly Dictionary<string, string> RouteKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        [Phq9] = "q7m2k4",
        [Gad7] = "k4p9w1",
        [Wsas] = "t8v3n6",
        [HamD17] = "r5x6b2",
        [Epds] = "n2c8h5",
        [CssrsElectronic] = "h9w4d7",
        [SasSr] = "b3j7f8",
        [Bdi] = "d6z5s3",
    };

    public static string RouteKeyOf(string instrumentId) => RouteKeys[instrumentId];

    /// <summary>The instrument a page address names, or null for any other key (an instrument's own id included).</summary>
    public static Instrument? FindByRouteKey(string? key) => All.FirstOrDefault(i => string.Equals(RouteKeys[i.Id], key, StringComparison.Ordinal));

    /// <summary>The page where a patient answers the instrument.</summary>
    public static string MeasurePath(string instrumentId) => $"/measures/{RouteKeyOf(instrumentId)}";
}
