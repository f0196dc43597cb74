using Rapport.Web.Features.Notifications;

namespace Rapport.UnitTests.Features.Notifications;

public sealed class OutboxMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AFailedSendIsRetriedLaterWithGrowingPauses()
    {
        var message = OutboxMessage.Create("a@example.com", "A", "Subject", "Body", Now);

        message.MarkFailed("connection refused", Now);
        var first = message.NextAttemptAt - Now;
        message.MarkFailed("connection refused", Now);
        var second = message.NextAttemptAt - Now;

        Assert.Equal(2, message.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(30), first);
        Assert.Equal(TimeSpan.FromSeconds(60), second);
        Assert.Null(message.SentAt);
        Assert.False(message.GaveUp);
    }

    [Fact]
    public void TheLastMessageToAnErasedAccountForgetsItsAddressOnceSentAndOthersKeepTheirs()
    {
        var last = OutboxMessage.Create("a@example.com", "A", "Subject", "Body", Now, forgetAddressWhenSent: true);
        var other = OutboxMessage.Create("b@example.com", "B", "Subject", "Body", Now);
        var unsentAddress = last.ToAddress;

        last.MarkSent(Now);
        other.MarkSent(Now);

        Assert.Equal("a@example.com", unsentAddress);
        Assert.Equal("", last.ToAddress);
        Assert.Equal("", last.ToName);
        Assert.Equal("b@example.com", other.ToAddress);
    }

    [Fact]
    public void AfterTheLastAttemptTheMessageIsMarkedAsGivenUp()
    {
        var message = OutboxMessage.Create("a@example.com", "A", "Subject", "Body", Now);

        for (var i = 0; i < OutboxMessage.MaxAttempts; i++)
        {
            message.MarkFailed("mailbox unavailable", Now);
        }

        Assert.True(message.GaveUp);
    }

    [Fact]
    public void ASentMessageIsNoLongerDue()
    {
        var message = OutboxMessage.Create("a@example.com", "A", "Subject", "Body", Now);

        message.MarkSent(Now.AddSeconds(1));

        Assert.Equal(Now.AddSeconds(1), message.SentAt);
        Assert.False(message.GaveUp);
    }
}
