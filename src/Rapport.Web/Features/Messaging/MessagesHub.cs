using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Messaging;

/// <summary>
/// Live updates for an open conversation page (readme, rule 8). The hub carries no content: it tells the watchers of
/// a conversation that something changed, and the page fetches the messages through its own audited read. A client
/// may watch only a conversation the use case seats it in.
/// </summary>
[Authorize(Policy = Policies.PatientOrTherapist)]
public sealed class MessagesHub(MessagingService messaging) : Hub
{
    public const string Path = "/hubs/messages";
    public const string Changed = "changed";

    public static string GroupOf(Guid conversationId) => $"messages:{conversationId:N}";

    /// <summary>Starts watching; someone outside the conversation gets the same generic refusal as for one that does not exist.</summary>
    public async Task Watch(Guid conversationId)
    {
        try
        {
            await messaging.SeatAsync(conversationId, Context.User!.UserId(), Context.ConnectionAborted);
        }
        catch (NotFoundException)
        {
            throw new HubException("Not found.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(conversationId), Context.ConnectionAborted);
    }
}
