using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.Messaging;

/// <summary>
/// Messages for programs (readme, rule 14): bearer tokens, <c>Idempotency-Key</c> on writes, someone outside a
/// conversation gets 404, refusals are ProblemDetails naming the rule. Every handler only translates for
/// <see cref="MessagingService"/>.
/// </summary>
public static class MessagingApi
{
    public sealed record ConversationDto(Guid Id, string WithName, int Unread, DateTimeOffset? LastMessageAt);

    public sealed record MessageDto(Guid Id, Guid SenderId, bool SentByPatient, string? Text, Guid? ReplyToId, DateTimeOffset SentAt,
        DateTimeOffset? EditedAt, bool Retracted, DateTimeOffset? ReadAt);

    public sealed record MessagesPage(IReadOnlyList<MessageDto> Messages, Guid? Before);

    public sealed record SendRequest([property: Required] string Text, Guid? ReplyToId);

    public sealed record CrisisResourceDto(string Name, string? Phone, string? Text, string? Url, string Hours);

    /// <summary>Always present: <c>riskLevel</c> "none" and no resources when the words raised nothing.</summary>
    public sealed record SafetyDto(string RiskLevel, IReadOnlyList<CrisisResourceDto> CrisisResources);

    public sealed record SentDto(MessageDto Message, SafetyDto Safety);

    public sealed record EditRequest([property: Required] string Text);

    public sealed record ReadRequest(Guid? UpTo);

    public sealed record ReadDto(int Marked);

    public static void MapMessagingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/conversations").WithTags("Messages").RequireAuthorization(Policies.ApiUser, Policies.PatientOrTherapist);
        api.MapGet("/", Conversations).WithAudit(AuditAction.ReadConversations)
            .WithSummary("My conversations: a patient's with their clinician, a clinician's with the patients in their care (cover and supervision included).");
        api.MapGet("/{id:guid}/messages", Messages).WithAudit(AuditAction.ReadMessages)
            .WithSummary($"A page of messages, oldest first (at most {MessagingService.PageSize}); pass before= the first id to get older ones.");
        api.MapPost("/{id:guid}/messages", Send).AddEndpointFilter<IdempotencyFilter>().WithAudit(AuditAction.MessageWriteRequested)
            .WithSummary("Send a message (plain text, at most 2,000 characters, 30 an hour). 201 with the message and `safety`: when a patient's words "
                + "match a risk expression, riskLevel and the crisis lines to show at once. Accepts Idempotency-Key.");
        api.MapPut("/{id:guid}/messages/{messageId:guid}", Edit).AddEndpointFilter<IdempotencyFilter>().WithAudit(AuditAction.MessageWriteRequested)
            .WithSummary("Correct your own message within 5 minutes of sending it (not one that raised a safety alert). 200 with the message and `safety`: "
                + "an edited patient message is checked for risk like a new one. Accepts Idempotency-Key.");
        api.MapPost("/{id:guid}/messages/{messageId:guid}/retract", Retract).AddEndpointFilter<IdempotencyFilter>().WithAudit(AuditAction.MessageWriteRequested)
            .WithSummary("Retract your own message (not one that raised a safety alert): it stays in the record, shown as retracted, and its text is "
                + "not given out again. Accepts Idempotency-Key.");
        api.MapPost("/{id:guid}/read", Read).AddEndpointFilter<IdempotencyFilter>().WithAudit(AuditAction.MessageWriteRequested)
            .WithSummary("Mark the other side's messages read up to and including upTo (all when omitted). Accepts Idempotency-Key.");
    }

    private static async Task<Ok<IReadOnlyList<ConversationDto>>> Conversations(ClaimsPrincipal user, MessagingService messaging, CancellationToken ct)
    {
        var me = user.UserId();
        var list = user.IsInRole(Roles.Patient) ? await messaging.OfPatientAsync(me, ct) : await messaging.OfClinicianAsync(me, ct);
        return TypedResults.Ok<IReadOnlyList<ConversationDto>>([.. list.Select(c => new ConversationDto(c.Id, c.WithName, c.Unread, c.LastMessageAt))]);
    }

    private static async Task<Ok<MessagesPage>> Messages(Guid id, Guid? before, HttpContext http, MessagingService messaging, CancellationToken ct)
    {
        var seat = await messaging.SeatAsync(id, http.User.UserId(), ct);
        http.NameAuditedPatient(seat.PatientId);
        var page = await messaging.MessagesAsync(seat, before, ct);
        return TypedResults.Ok(new MessagesPage([.. page.Select(Dto)], page.Count == MessagingService.PageSize ? page[0].Id : null));
    }

    private static async Task<Created<SentDto>> Send(Guid id, SendRequest request, HttpContext http, MessagingService messaging, CancellationToken ct)
    {
        var me = http.User.UserId();
        var seat = await messaging.SeatAsync(id, me, ct);
        http.NameAuditedPatient(seat.PatientId);
        var sent = await messaging.SendAsync(seat, me, request.Text, request.ReplyToId, ct);
        return TypedResults.Created($"/api/v1/conversations/{id}/messages", Sent(sent));
    }

    private static async Task<Ok<SentDto>> Edit(Guid id, Guid messageId, EditRequest request, HttpContext http, MessagingService messaging,
        CancellationToken ct)
    {
        var me = http.User.UserId();
        var seat = await messaging.SeatAsync(id, me, ct);
        http.NameAuditedPatient(seat.PatientId);
        return TypedResults.Ok(Sent(await messaging.EditAsync(seat, me, messageId, request.Text, ct)));
    }

    private static async Task<Ok<MessageDto>> Retract(Guid id, Guid messageId, HttpContext http, MessagingService messaging, CancellationToken ct)
    {
        var me = http.User.UserId();
        var seat = await messaging.SeatAsync(id, me, ct);
        http.NameAuditedPatient(seat.PatientId);
        return TypedResults.Ok(Dto(await messaging.RetractAsync(seat, me, messageId, ct)));
    }

    private static SentDto Sent(SendOutcome sent) => new(Dto(sent.Message), new SafetyDto(sent.Risk?.Level.ToString().ToLowerInvariant() ?? "none",
        [.. sent.CrisisLines.Select(l => new CrisisResourceDto(l.Name, l.Phone, l.Text, l.Url, l.Hours))]));

    private static async Task<Ok<ReadDto>> Read(Guid id, ReadRequest request, HttpContext http, MessagingService messaging, CancellationToken ct)
    {
        var me = http.User.UserId();
        var seat = await messaging.SeatAsync(id, me, ct);
        http.NameAuditedPatient(seat.PatientId);
        return TypedResults.Ok(new ReadDto(await messaging.MarkReadAsync(seat, me, request.UpTo, ct)));
    }

    /// <summary>A retracted message keeps its row; its text is not handed out again.</summary>
    public static MessageDto Dto(Message m) => new(m.Id, m.SenderId, m.SentByPatient, m.IsRetracted ? null : m.Text, m.ReplyToId, m.SentAt, m.EditedAt,
        m.IsRetracted, m.ReadAt);
}
