using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Messaging.Pages.Therapist;

/// <summary>
/// A clinician's conversation with one patient (readme, rules 2 and 6): the responsible and the covering clinician
/// write, a supervisor reads; anyone else gets the audited 404 of <c>CareAccess</c>.
/// </summary>
[Authorize(Policy = Policies.Therapist)]
[Audited(AuditAction.ReadMessages)]
public sealed class ConversationModel(MessagingService messaging, PeopleNames peopleNames, TimeProvider clock)
    : ConversationPage(messaging, peopleNames, clock)
{
    [FromRoute]
    public Guid PatientId { get; set; }

    public string PatientName => Thread?.NameOf(PatientId) ?? "";

    protected override string Here => $"/therapist/patients/{PatientId}/messages";

    protected override async Task<ConversationSeat?> FindSeatAsync(CancellationToken ct) =>
        await Messaging.ForClinicianAsync(User.UserId(), PatientId, ct);
}
