using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Messaging.Pages.Therapist;

/// <summary>The clinician's conversations, unread first, with the patients whose record they read now (readme, rule 6).</summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.ReadConversations)]
public sealed class InboxModel(MessagingService messaging) : PageModel
{
    public IReadOnlyList<ConversationSummary> Conversations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Conversations = await messaging.OfClinicianAsync(User.UserId(), ct);
}
