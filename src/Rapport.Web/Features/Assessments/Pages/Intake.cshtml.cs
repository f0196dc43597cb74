using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Assessments.Pages;

/// <summary>
/// The intake (Assessments readme, rule 12): what brings the patient, when the low mood began, recent life events, earlier treatment,
/// an emergency contact, where they are, and the three consents. The intake, its life events and the consents are
/// saved in one SaveChanges, so a refused form leaves nothing half-written. Then the first baseline measure follows.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.IntakeRead, PatientIsCaller = true)]
public sealed class IntakeModel(AppDbContext db, PeopleNames people, DueMeasures dueMeasures, IntakeRecording intakes, TimeProvider clock) : PageModel
{
    public const int EventRows = 6;
    /// <summary>Rows shown open; the rest wait behind "more events", so a phone screen is not a wall of empty boxes.</summary>
    public const int EventRowsOpen = 2;
    /// <summary>How far back the month and year choices go.</summary>
    public const int YearsBack = 80;

    [BindProperty] public IntakeForm Form { get; set; } = new();

    public bool Exists { get; private set; }
    public bool Saved { get; private set; }
    public int ThisYear { get; private set; }

    public sealed class IntakeForm
    {
        public string? WhatBringsYou { get; set; }
        public int? OnsetMonth { get; set; }
        public int? OnsetYear { get; set; }
        public bool OnsetNotSure { get; set; }
        public List<EventRow> Events { get; set; } = [];
        public string? PreviousTreatment { get; set; }
        public string? Medication { get; set; }
        /// <summary>The patient's own phone, kept on their account (<see cref="RapportUser.ChangePhoneNumber"/>), not in the intake.</summary>
        public string? PhoneNumber { get; set; }
        public string? EmergencyContactName { get; set; }
        public string? EmergencyContactRelationship { get; set; }
        public string? EmergencyContactPhone { get; set; }
        public string? CountryCode { get; set; }
        public string? UsualLocation { get; set; }
        public bool ConsentToTreatment { get; set; }
        public bool ConsentToTelehealth { get; set; }
        public bool ConsentToDataProcessing { get; set; }

        public bool Agreed(ConsentKind kind) => kind switch
        {
            ConsentKind.Treatment => ConsentToTreatment,
            ConsentKind.Telehealth => ConsentToTelehealth,
            _ => ConsentToDataProcessing,
        };
    }

    public sealed class EventRow
    {
        public LifeEventKind? Kind { get; set; }
        public int? Month { get; set; }
        public int? Year { get; set; }
        public string? Description { get; set; }

        public bool IsEmpty => Kind is null && Month is null && Year is null && string.IsNullOrWhiteSpace(Description);
    }

    /// <summary>The consents the form asks for and whether each must be given to send it (telehealth is needed only for video).</summary>
    public static bool IsRequired(ConsentKind kind) => kind != ConsentKind.Telehealth;

    public static string FieldFor(ConsentKind kind) => kind switch
    {
        ConsentKind.Treatment => "Form.ConsentToTreatment",
        ConsentKind.Telehealth => "Form.ConsentToTelehealth",
        _ => "Form.ConsentToDataProcessing",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.UserId();
        Saved = TempData.TakeNotice() == "saved";
        ThisYear = clock.GetUtcNow().Year;
        var intake = await db.Intakes.AsNoTracking().SingleOrDefaultAsync(i => i.PatientId == me, ct);
        Exists = intake is not null;
        var account = await people.People.Where(p => p.Id == me).Select(p => new { p.CountryCode, p.PhoneNumber }).SingleAsync(ct);
        Form.PhoneNumber = account.PhoneNumber is { } phone ? InternationalPhone.Display(phone) : null;
        if (intake is null)
        {
            Form.CountryCode = account.CountryCode;
        }
        else
        {
            Form.WhatBringsYou = intake.WhatBringsYou;
            Form.OnsetMonth = intake.LowMoodSince?.Month;
            Form.OnsetYear = intake.LowMoodSince?.Year;
            Form.OnsetNotSure = intake.LowMoodSince is null;
            Form.PreviousTreatment = intake.PreviousTreatment;
            Form.Medication = intake.Medication;
            Form.EmergencyContactName = intake.EmergencyContactName;
            Form.EmergencyContactRelationship = intake.EmergencyContactRelationship;
            Form.EmergencyContactPhone = intake.EmergencyContactPhone;
            Form.CountryCode = intake.CountryCode;
            Form.UsualLocation = intake.UsualLocation;
            var events = await db.LifeEvents.AsNoTracking().Where(e => e.PatientId == me && e.RecordedById == me)
                .OrderBy(e => e.Month).Take(EventRows).ToListAsync(ct);
            Form.Events = [.. events.Select(e => new EventRow { Kind = e.Kind, Month = e.Month.Month, Year = e.Month.Year, Description = e.Description })];
        }
        var active = await ActiveConsentsAsync(me, ct);
        Form.ConsentToTreatment = active.Contains(ConsentKind.Treatment);
        Form.ConsentToTelehealth = active.Contains(ConsentKind.Telehealth);
        Form.ConsentToDataProcessing = active.Contains(ConsentKind.DataProcessing);
        PadEvents();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var me = User.UserId();
        var now = clock.GetUtcNow();
        ThisYear = now.Year;
        PadEvents();

        DateOnly? lowMoodSince = null;
        if (!Form.OnsetNotSure)
        {
            if (MonthOf(Form.OnsetMonth, Form.OnsetYear) is { } month)
            {
                lowMoodSince = month;
            }
            else
            {
                ModelState.AddModelError("Form.OnsetMonth", "Choose the month and year the low mood began, or tick \u201cI am not sure\u201d.");
            }
        }
        // An empty country is the intake's own rule ("Choose your country"); a value not in the list is refused here.
        var countryKnown = ProfileChoices.IsCountry(Form.CountryCode);
        if (!countryKnown && !string.IsNullOrEmpty(Form.CountryCode))
        {
            ModelState.AddModelError("Form.CountryCode", "Choose your country from the list.");
        }
        // Required here, unlike at registration: the intake comes before any appointment, and every appointment needs it (Booking readme).
        if (string.IsNullOrWhiteSpace(Form.PhoneNumber))
        {
            ModelState.AddModelError("Form.PhoneNumber", $"Give your own phone number. {InternationalPhone.Message}");
        }
        else if (InternationalPhone.Normalise(Form.PhoneNumber, countryKnown ? Form.CountryCode : null) is null)
        {
            ModelState.AddModelError("Form.PhoneNumber", InternationalPhone.Message);
        }
        foreach (var text in ConsentTexts.Current.Where(t => IsRequired(t.Kind) && !Form.Agreed(t.Kind)))
        {
            ModelState.AddModelError(FieldFor(text.Kind), $"Tick \u201c{text.Title}\u201d to start: we cannot provide care without it.");
        }

        Exists = await db.Intakes.AnyAsync(i => i.PatientId == me, ct);
        var details = new Intake.Details(Form.WhatBringsYou ?? "", lowMoodSince, Form.PreviousTreatment, Form.Medication,
            Form.EmergencyContactName ?? "", Form.EmergencyContactRelationship ?? "", Form.EmergencyContactPhone ?? "",
            countryKnown ? Form.CountryCode! : "", Form.UsualLocation ?? "");
        // The intake's own rules, asked before anything is written so that every problem shows at once, beside its answer.
        foreach (var problem in Intake.ProblemsWith(details, now))
        {
            ModelState.AddModelError(problem.Part switch
            {
                Intake.Part.WhatBringsYou => "Form.WhatBringsYou",
                Intake.Part.LowMoodSince => "Form.OnsetMonth",
                Intake.Part.EmergencyContact => "Form.EmergencyContactName",
                Intake.Part.EmergencyContactPhone => "Form.EmergencyContactPhone",
                Intake.Part.Country => "Form.CountryCode",
                Intake.Part.UsualLocation => "Form.UsualLocation",
                _ => "",
            }, problem.Message);
        }

        var events = new List<LifeEvent>();
        for (var i = 0; i < Form.Events.Count; i++)
        {
            var row = Form.Events[i];
            if (row.IsEmpty)
            {
                continue;
            }
            if (row.Kind is not { } kind || MonthOf(row.Month, row.Year) is not { } month)
            {
                ModelState.AddModelError($"Form.Events[{i}]", $"Change {i + 1}: choose what happened, and roughly when (month and year).");
                continue;
            }
            try
            {
                events.Add(LifeEvent.Record(me, kind, month, row.Description, me, now));
            }
            catch (RuleViolationException e)
            {
                ModelState.AddModelError($"Form.Events[{i}]", $"Change {i + 1}: {e.Message}");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }
        return await this.AttemptAsync(async () =>
        {
            if (await intakes.SaveAsync(me, details, events, Form.Agreed, Form.PhoneNumber, ct) == IntakeRecording.Outcome.AlreadySent)
            {
                return Redirect("/intake");
            }
            var due = await dueMeasures.ForPatientAsync(me, ct);
            return due.Count > 0 ? this.RedirectWithNotice(due[0].Instrument.MeasurePath, "after-intake") : this.RedirectWithNotice("/intake", "saved");
        }, () => Task.CompletedTask);
    }

    private async Task<HashSet<ConsentKind>> ActiveConsentsAsync(Guid patientId, CancellationToken ct)
    {
        var active = await db.Consents.AsNoTracking().Where(c => c.PatientId == patientId && c.WithdrawnAt == null).ToListAsync(ct);
        return [.. active.Where(c => c.Version == ConsentTexts.For(c.Kind).Version).Select(c => c.Kind)];
    }

    private DateOnly? MonthOf(int? month, int? year) =>
        month is >= 1 and <= 12 && year is { } y && y >= ThisYear - YearsBack && y <= ThisYear ? new DateOnly(y, month.Value, 1) : null;

    private void PadEvents()
    {
        Form.Events = [.. Form.Events.Take(EventRows)];
        while (Form.Events.Count < EventRows)
        {
            Form.Events.Add(new EventRow());
        }
    }
}
