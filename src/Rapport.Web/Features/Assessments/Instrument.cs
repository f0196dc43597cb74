namespace Rapport.Web.Features.Assessments;

/// <summary>Who fills the instrument in: the patient (self-report) or the therapist (interview rating).</summary>
public enum Rater
{
    Patient = 0,
    Clinician = 1,
}

/// <summary>How the instrument may be used on a web platform (docs/clinical/measures.md#licences).</summary>
public enum LicenceKind
{
    /// <summary>No permission needed (PHQ-9, GAD-7, HAM-D).</summary>
    PublicDomain = 0,
    /// <summary>Copyrighted, free to use with the author's standing permission (WSAS).</summary>
    FreeWithPermission = 1,
    /// <summary>Online use needs a licence the clinic must record first (EPDS, electronic C-SSRS, SAS-SR, BDI).</summary>
    Restricted = 2,
}

/// <summary>How far a critical answer raises concern (docs/clinical/safety-workflow.md#triggers-and-tiers).</summary>
public enum RiskLevel
{
    None = 0,
    /// <summary>Clinician review the same day (PHQ-9 item 9 = 1, EPDS item 10 &gt; 0).</summary>
    Elevated = 1,
    /// <summary>Urgent review within hours (PHQ-9 item 9 ≥ 2).</summary>
    High = 2,
}

/// <summary>One choice of an item. <see cref="Score"/> is null for "not applicable" (WSAS work item when not working).</summary>
public sealed record AnswerOption(int Value, string Label, int? Score);

/// <summary>An item. Unscored items (the PHQ-9 difficulty question) are recorded but never add to the total.</summary>
public sealed record InstrumentItem(int Number, string Text, IReadOnlyList<AnswerOption> Options, bool Scored = true, string? Loinc = null)
{
    public int MaxScore => Options.Max(o => o.Score ?? 0);
}

/// <summary>An inclusive total range with its published label. Rank orders bands from least to most severe.</summary>
public sealed record SeverityBand(int Min, int Max, string Label, int Rank);

/// <summary>An item whose answer at or above a threshold starts the safety path, whatever the total.</summary>
public sealed record CriticalItem(int ItemNumber, int ElevatedAtScore, int? HighAtScore);

/// <summary>
/// What counts as change for an instrument. Null means the reference gives no confirmed threshold,
/// so Rapport does not label it (docs/clinical/open-questions.md lists WSAS reliable change as unconfirmed).
/// </summary>
public sealed record ChangeRules(int? ReliableChange, int? RemissionMaximum, bool ResponseIsHalving);

/// <summary>
/// A validated questionnaire, defined once as data: items, options, scoring, bands, critical items,
/// codes, recall period and licence. Nothing else in the app knows an instrument's numbers.
/// </summary>
public sealed record Instrument(
    string Id,
    string ShortName,
    string Title,
    Rater Rater,
    string RecallPeriod,
    string Instructions,
    IReadOnlyList<InstrumentItem> Items,
    IReadOnlyList<SeverityBand> Bands,
    IReadOnlyList<CriticalItem> CriticalItems,
    ChangeRules Change,
    LicenceKind Licence,
    string Attribution,
    string? PanelLoinc,
    string? TotalLoinc,
    int Version = 1,
    bool TextsFromLicenceFile = false)
{
    public IEnumerable<InstrumentItem> ScoredItems => Items.Where(i => i.Scored);
    public int MaxTotal => ScoredItems.Sum(i => i.MaxScore);

    /// <summary>False for licensed instruments whose wording Rapport does not ship (the licence holder supplies it).</summary>
    public bool ContentBundled => Items.Count > 0;

    public SeverityBand? BandFor(int total) => Bands.FirstOrDefault(b => total >= b.Min && total <= b.Max);

    /// <summary>What stands for the instrument in a page address: never its name (InstrumentCatalog.RouteKeys).</summary>
    public string RouteKey => InstrumentCatalog.RouteKeyOf(Id);

    /// <summary>The page where a patient answers it.</summary>
    public string MeasurePath => InstrumentCatalog.MeasurePath(Id);
}
