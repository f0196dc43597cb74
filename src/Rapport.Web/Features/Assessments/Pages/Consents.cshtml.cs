using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.Assessments.Pages;

/// <summary>
/// The patient's consents (GDPR: a consent is withdrawn as easily as it was given): each current text, whether and when
/// they agreed to which version, one button to withdraw and one to give it again. Every record stays, withdrawn or not.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.ReadConsents, PatientIsCaller = true)]
public sealed class ConsentsModel(AppDbContext db, PatientConsents consents, TimeProvider clock, PeopleNames people) : PageModel
{
    public sealed record Standing(ConsentTexts.Text Text, Consent? Latest)
    {
        /// <summary>Agreed to the wording shown now; an agreement to an older wording asks to be given again.</summary>
        public bool IsCurrent => Latest is { IsActive: true } l && l.Version == Text.Version;
    }

    public IReadOnlyList<Standing> Consents { get; private set; } = [];
    public IReadOnlyList<Consent> History { get; private set; } = [];
    public ViewerZone Zone { get; private set; } = ViewerZone.Utc;
    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Done = TempData.TakeNotice();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostGiveAsync(ConsentKind kind, CancellationToken ct)
    {
        // A kind that does not bind would otherwise arrive as the enum's first value, Treatment.
        if (!ModelState.IsValid || !Enum.IsDefined(kind))
        {
            return BadRequest();
        }
        await consents.GiveAsync(User.UserId(), kind, ct);
        return this.RedirectWithNotice("/account/consents", "given");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(ConsentKind kind, CancellationToken ct)
    {
        // A kind that does not bind would otherwise arrive as the enum's first value, Treatment.
        if (!ModelState.IsValid || !Enum.IsDefined(kind))
        {
            return BadRequest();
        }
        await consents.WithdrawAsync(User.UserId(), kind, ct);
        return this.RedirectWithNotice("/account/consents", "withdrawn");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = User.UserId();
        History = await db.Consents.AsNoTracking().Where(c => c.PatientId == me).OrderByDescending(c => c.GivenAt).ToListAsync(ct);
        Consents = [.. ConsentTexts.Current.Select(t => new Standing(t, History.Where(c => c.Kind == t.Kind)
            .OrderByDescending(c => c.IsActive).ThenByDescending(c => c.Version).ThenByDescending(c => c.GivenAt).FirstOrDefault()))];
        Zone = await ViewerZone.ResolveAsync(User, null, people, clock);
    }

    public static string Consequence(ConsentKind kind) => kind switch
    {
        ConsentKind.Treatment => "Without it your therapist cannot go on with your therapy. They will talk with you about what happens next.",
        ConsentKind.Telehealth => "Without it your sessions cannot take place by video, audio or text.",
        _ => "Without it we cannot keep new information for your care. Your therapist will talk with you about what this means.",
    };
}
