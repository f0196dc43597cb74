using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Safety;

namespace Rapport.Web.Features.Safety.Pages;

/// <summary>
/// One safety alert, for the clinician who must act on it (and for an admin finding one): how to reach the patient,
/// their crisis lines, the answer, who was told, their earlier alerts; "Take this on", and the risk review that closes
/// it. A refused review comes back with each gap beside its field and everything typed kept.
/// </summary>
[Authorize(Policy = Policies.Staff)]
[Audited(AuditAction.SafetyAlertRead)]
public sealed class AlertModel(PeopleNames people, AlertFiles files, AlertActions actions, IOptions<SafetyOptions> options, TimeProvider clock) : PageModel
{
    public AlertFile Details { get; private set; } = null!;
    public SafetyOptions Options => options.Value;
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public DateTimeOffset Now { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyDictionary<string, string> Gaps { get; private set; } = new Dictionary<string, string>();

    [BindProperty] public ReviewForm Form { get; set; } = new();

    public sealed class ReviewForm
    {
        public ThoughtsFrequency? Thoughts { get; set; }
        public PlanState? Plan { get; set; }
        public IntentState? Intent { get; set; }
        public MeansAccess? Means { get; set; }
        public PastAttempts? PastAttempts { get; set; }
        public string? Protective { get; set; }
        public string? Formulation { get; set; }
        public List<RiskAction> Actions { get; set; } = [];
        public string? OtherAction { get; set; }
        public DateTime? FollowUpAt { get; set; }
    }

    private bool IsClinician => User.IsInRole(Roles.Therapist);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await ShowAsync(id, ct);

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken ct)
    {
        var outcome = await actions.AcknowledgeAsync(id, User.UserId(), IsClinician, ct);
        return await AfterAsync(id, outcome, ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct)
    {
        Zone = await ZoneAsync(ct);
        DateTimeOffset? followUp = Form.FollowUpAt is { } local ? WallClock.ToUtc(local, Zone) : null;
        var review = new RiskReview(Form.Thoughts, Form.Plan, Form.Intent, Form.Means, Form.PastAttempts, Form.Protective, Form.Formulation,
            Form.Actions.Aggregate(RiskAction.None, (all, a) => all | a), Form.OtherAction, followUp);
        var outcome = await actions.CloseAsync(id, User.UserId(), IsClinician, review, ct);
        if (outcome.Gaps is { Count: > 0 } gaps)
        {
            Gaps = gaps.GroupBy(g => g.Field).ToDictionary(g => g.Key, g => g.First().Message);
        }
        return await AfterAsync(id, outcome, ct);
    }

    private async Task<IActionResult> AfterAsync(Guid id, AlertActions.Outcome outcome, CancellationToken ct)
    {
        if (outcome.Result == AlertActions.Result.NotFound)
        {
            return NotFound();
        }
        if (outcome.Result == AlertActions.Result.Done)
        {
            // Back to the alert's own address: a reload then shows the alert again instead of posting the action a second
            // time and answering the same clinician that someone has already taken it on.
            return this.RedirectWithNotice(Url.Page("/Safety/Pages/Alert", new { id }) ?? $"/alerts/{id}", outcome.Message);
        }
        if (Gaps.Count == 0)
        {
            ModelState.AddModelError("", outcome.Message);
        }
        return await ShowAsync(id, ct);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        var file = await files.OpenAsync(id, User.UserId(), IsClinician, User.IsInRole(Roles.Admin), ct);
        if (file is null)
        {
            return NotFound();
        }
        Details = file;
        Message ??= TempData.TakeNotice();
        Zone = await ZoneAsync(ct);
        Now = clock.GetUtcNow();
        return Page();
    }

    private Task<TimeZoneInfo> ZoneAsync(CancellationToken ct) => people.ZoneOfAsync(User.UserId(), ct);

    public string When(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public string RespondWithin => AlertMail.Duration(Options.EscalateAfter(Details.Alert.Level));

    public static string RoleWords(AlertRecipientRole role) => role switch
    {
        AlertRecipientRole.OnCall => "clinician on call",
        AlertRecipientRole.ClinicalLead => "clinical lead on duty",
        AlertRecipientRole.Supervisor => "supervisor",
        _ => "admin",
    };

    public string Ladder => Details.Alert switch
    {
        { IsOpen: false } a => $"Closed {When(a.ClosedAt!.Value)}.",
        { IsAcknowledged: true } a => $"Taken on {When(a.AcknowledgedAt!.Value)} by {Name(a.AcknowledgedById)}: the ladder stopped. It stays open until closed with a risk review.",
        { IsEscalated: false } a => $"If nobody takes it on, the clinical lead on duty and the supervisor are told at {When(a.EscalateAt)} ({AlertMail.Duration(Options.EscalateAfter(a.Level))} after it was raised).",
        var a => $"Escalated {When(a.EscalatedAt!.Value)}; everyone told is reminded every {AlertMail.Duration(Options.RepeatEvery(a.Level))} until a clinician takes it on (next at {When(a.EscalateAt)}; {a.Reminders} sent).",
    };

    public string Name(Guid? id) => id is { } i ? (i == User.UserId() ? "you" : Details.Names.GetValueOrDefault(i, "a clinician")) : "nobody";

    public string NameAtStart(Guid? id) => Name(id) is var name && name == "you" ? "You" : name;

    public string LocalInput(DateTime? local) => local?.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>One question of the risk review as radio buttons: its field, its question and its answers in words.</summary>
public sealed record ReviewQuestion(string Field, string Legend, IReadOnlyList<(string Value, string Label)> Answers, string? Chosen)
{
    /// <summary>The posted field's name, bound to <see cref="AlertModel.Form"/>.</summary>
    public string Name => $"{nameof(AlertModel.Form)}.{Field}";

    public static IReadOnlyList<ReviewQuestion> For(AlertModel.ReviewForm form) =>
    [
        Of(nameof(form.Thoughts), "Thoughts of suicide or self-harm: how often now?", form.Thoughts, RiskReview.Label),
        Of(nameof(form.Plan), "Plan", form.Plan, RiskReview.Label),
        Of(nameof(form.Intent), "Intent to act", form.Intent, RiskReview.Label),
        Of(nameof(form.Means), "Access to means", form.Means, RiskReview.Label),
        Of(nameof(form.PastAttempts), "Past attempts", form.PastAttempts, RiskReview.Label),
    ];

    private static ReviewQuestion Of<T>(string field, string legend, T? chosen, Func<T, string> label) where T : struct, Enum =>
        new(field, legend, [.. Enum.GetValues<T>().Select(v => (v.ToString(), label(v)))], chosen?.ToString());
}
