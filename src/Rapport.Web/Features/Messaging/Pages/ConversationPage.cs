using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.Messaging.Pages;

/// <summary>What the thread partial shows: the messages, who wrote them, in the reader's time zone.</summary>
public sealed record ThreadView(ConversationSeat Seat, IReadOnlyList<Message> Messages, IReadOnlyDictionary<Guid, string> Names, ViewerZone Zone, Guid Me,
    DateTimeOffset Now)
{
    public string NameOf(Guid id) => id == Me ? "You" : Names.GetValueOrDefault(id) ?? "Someone";

    public Message? Find(Guid? id) => id is null ? null : Messages.FirstOrDefault(m => m.Id == id);

    public bool MayEdit(Message m) => MayChange(m) && Now - m.SentAt <= Message.EditWindow;

    public bool MayRetract(Message m) => MayChange(m);

    /// <summary>The author's own message that raised a safety alert stays as written: no edit, no retraction (readme, rule 5).</summary>
    public bool StaysAsWritten(Message m) => m.SenderId == Me && !m.IsRetracted && m.SafetyAlertId is not null;

    private bool MayChange(Message m) => Seat.Writes && m.SenderId == Me && !m.IsRetracted && m.SafetyAlertId is null;

    public bool SeesRisk => !Seat.IsPatient;

    /// <summary>The responsible clinician keeps a patient's message in the next session's draft note (readme, rule 17).</summary>
    public bool MayKeepInNote(Message m) => Seat.Role == ConversationRole.Responsible && m.SentByPatient && !m.IsRetracted;

    public bool MayClearRisk(Message m) => SeesRisk && Seat.Writes && m.Risk > Assessments.RiskLevel.None && m.FalsePositiveAt is null;
}

/// <summary>
/// The patient's and the clinician's conversation pages share their forms: send, edit, retract, mark read, mark a
/// false alarm, and the thread fragment the script fetches. Each only translates for <see cref="MessagingService"/>;
/// a refused send shows the page again with the text still in the box (readme, rule 6).
/// </summary>
public abstract class ConversationPage(MessagingService messaging, PeopleNames peopleNames, TimeProvider clock) : PageModel
{
    protected MessagingService Messaging => messaging;
    protected TimeProvider Clock => clock;
    protected PeopleNames PeopleNames => peopleNames;

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public Guid? ReplyToId { get; set; }

    public ConversationSeat? Seat { get; protected set; }
    public ThreadView? Thread { get; private set; }
    public Message? ReplyingTo => Thread?.Find(ReplyToId);
    public string? Notice { get; private set; }

    /// <summary>The caller's seat, or null when there is no conversation to show (a patient nobody is responsible for).</summary>
    protected abstract Task<ConversationSeat?> FindSeatAsync(CancellationToken ct);

    /// <summary>This page's own address, to come back to after a form.</summary>
    protected abstract string Here { get; }

    /// <summary>What the page adds around the thread (reply hours, crisis lines, the record's actions).</summary>
    protected virtual Task LoadSurroundingsAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<IActionResult> OnGetAsync(Guid? replyTo, CancellationToken ct)
    {
        ReplyToId = replyTo;
        Notice = TempData.TakeNotice();
        return await ShowAsync(ct);
    }

    /// <summary>Only the thread, for the script that keeps an open page live (an audited read like the page's).</summary>
    public async Task<IActionResult> OnGetThreadAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } missing)
        {
            return missing;
        }
        return Partial("/Features/Messaging/Pages/_Thread.cshtml", Thread);
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (await SeatOrNotFoundAsync(ct) is not { } seat)
        {
            return NotFound();
        }
        return await this.AttemptAsync(async () =>
        {
            var sent = await messaging.SendAsync(seat, User.UserId(), Text, ReplyToId, ct);
            return this.RedirectWithNotice(Here + "#latest", sent.Risk is null ? "sent" : "risk");
        }, () => ShowAsync(ct), refused => ModelState.AddModelError(nameof(Text), refused.Message));
    }

    public Task<IActionResult> OnPostEditAsync(Guid messageId, CancellationToken ct) =>
        ActAsync((seat, me) => messaging.EditAsync(seat, me, messageId, Text, ct), "edited", ct, edited => edited.Risk is null ? "edited" : "risk");

    public Task<IActionResult> OnPostRetractAsync(Guid messageId, CancellationToken ct) =>
        ActAsync((seat, me) => messaging.RetractAsync(seat, me, messageId, ct), "retracted", ct);

    public Task<IActionResult> OnPostFalseAlarmAsync(Guid messageId, CancellationToken ct) =>
        ActAsync((seat, me) => messaging.MarkFalsePositiveAsync(seat, me, messageId, ct), "false-alarm", ct);

    public Task<IActionResult> OnPostToNoteAsync(Guid messageId, CancellationToken ct) =>
        ActAsync((seat, me) => messaging.AddToNextSessionNoteAsync(seat, me, messageId, ct), "noted", ct);

    /// <summary>Read receipts: the form under the thread without JavaScript, a background post with it.</summary>
    public Task<IActionResult> OnPostReadAsync(Guid? upTo, CancellationToken ct) =>
        ActAsync((seat, me) => messaging.MarkReadAsync(seat, me, upTo, ct), "read", ct);

    private async Task<IActionResult> ActAsync<T>(Func<ConversationSeat, Guid, Task<T>> act, string notice, CancellationToken ct,
        Func<T, string>? noticeOf = null)
    {
        if (await SeatOrNotFoundAsync(ct) is not { } seat)
        {
            return NotFound();
        }
        return await this.AttemptAsync(async () =>
        {
            var done = await act(seat, User.UserId());
            return this.RedirectWithNotice(Here + "#latest", noticeOf?.Invoke(done) ?? notice);
        }, () => ShowAsync(ct));
    }

    private async Task<ConversationSeat?> SeatOrNotFoundAsync(CancellationToken ct)
    {
        try
        {
            return Seat = await FindSeatAsync(ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } missing)
        {
            return missing;
        }
        await LoadSurroundingsAsync(ct);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        try
        {
            Seat = await FindSeatAsync(ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (Seat is null)
        {
            return null;
        }
        HttpContext.NameAuditedPatient(Seat.PatientId);
        var messages = await messaging.MessagesAsync(Seat, null, ct);
        var people = messages.Select(m => m.SenderId).Append(Seat.ClinicianId).Append(Seat.PatientId).Distinct().ToList();
        var names = await peopleNames.OfAsync(people, ct);
        var zone = await ViewerZone.ResolveAsync(User, null, peopleNames, clock);
        Thread = new ThreadView(Seat, messages, names, zone, User.UserId(), clock.GetUtcNow());
        return null;
    }
}
