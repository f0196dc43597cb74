using Rapport.Web.Features;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Messaging;

namespace Rapport.UnitTests.Features.Messaging;

/// <summary>The guarded methods of a conversation and its messages (Messaging readme, rules 3–5), one refusal each.</summary>
public sealed class MessageRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Patient = Guid.NewGuid();
    private static readonly Guid Clinician = Guid.NewGuid();

    private static Conversation NewConversation() => Conversation.Start(Guid.NewGuid(), Patient, Clinician, Now);

    private static string RuleOf(Action act) => Assert.Throws<RuleViolationException>(act).Rule;

    [Theory]
    [InlineData("   ", MessagingRules.Empty)]
    [InlineData("hello\u0007there", MessagingRules.ControlCharacters)]
    [InlineData("zero\u0000width", MessagingRules.ControlCharacters)]
    public void AnEmptyOrControlCharacterMessageIsRefused(string text, string rule) =>
        Assert.Equal(rule, RuleOf(() => NewConversation().Write(Patient, true, text, null, 0, Now)));

    [Fact]
    public void AMessageOfTwoThousandCharactersIsSentAndOneMoreIsRefused()
    {
        var conversation = NewConversation();

        Assert.Equal(Message.MaxLength, conversation.Write(Patient, true, new string('a', Message.MaxLength), null, 0, Now).Text.Length);
        Assert.Equal(MessagingRules.TooLong, RuleOf(() => conversation.Write(Patient, true, new string('a', Message.MaxLength + 1), null, 0, Now)));
    }

    [Fact]
    public void TheThirtyFirstMessageInAnHourIsRefused() =>
        Assert.Equal(MessagingRules.TooManyMessages, RuleOf(() => NewConversation().Write(Patient, true, "hi", null, Message.MaxPerHour, Now)));

    [Fact]
    public void ARepliedMessageMustBeInTheSameConversation()
    {
        var elsewhere = NewConversation().Write(Clinician, false, "hello", null, 0, Now);

        Assert.Equal(MessagingRules.ReplyInSameConversation, RuleOf(() => NewConversation().Write(Patient, true, "hi", elsewhere, 0, Now)));
    }

    [Fact]
    public void OnlyItsAuthorEditsAMessageAndOnlyForFiveMinutes()
    {
        var message = NewConversation().Write(Patient, true, "Tried the role play", null, 0, Now);

        Assert.Equal(MessagingRules.OnlyAuthorChanges, RuleOf(() => message.Edit(Clinician, "changed", Now.AddMinutes(1))));
        message.Edit(Patient, "Tried the role play with my sister", Now.AddMinutes(5));
        Assert.Equal("Tried the role play with my sister", message.Text);
        Assert.Equal(MessagingRules.EditWindowClosed, RuleOf(() => message.Edit(Patient, "again", Now.AddMinutes(5).AddSeconds(1))));
    }

    [Fact]
    public void ARetractedMessageKeepsItsTextAndCannotBeRetractedTwice()
    {
        var message = NewConversation().Write(Patient, true, "Sent too soon", null, 0, Now);

        message.Retract(Patient, Now.AddHours(1));

        Assert.True(message.IsRetracted);
        Assert.Equal("Sent too soon", message.Text);
        Assert.Equal(MessagingRules.AlreadyRetracted, RuleOf(() => message.Retract(Patient, Now.AddHours(2))));
    }

    [Fact]
    public void AMessageThatRaisedASafetyAlertCannotBeRetractedAndStaysAsWritten()
    {
        var message = NewConversation().Write(Patient, true, "Some nights I want to end it all", null, 0, Now);
        message.FlagRisk(new RiskMatch("end it all", RiskLevel.High), Guid.NewGuid());

        Assert.Equal(MessagingRules.FlaggedWordsStay, RuleOf(() => message.Retract(Patient, Now.AddMinutes(1))));
        Assert.False(message.IsRetracted);
        Assert.Equal("Some nights I want to end it all", message.Text);
    }

    [Fact]
    public void OnlyTheOtherSideLeavesAReadReceipt()
    {
        var message = NewConversation().Write(Patient, true, "Hello", null, 0, Now);

        Assert.False(message.MarkRead(Patient, readerIsPatient: true, Now));
        Assert.True(message.MarkRead(Clinician, readerIsPatient: false, Now));
        Assert.Equal(Clinician, message.ReadById);
    }

    [Fact]
    public void OnlyAFlaggedMessageCanBeMarkedAFalseAlarm() =>
        Assert.Equal(MessagingRules.NoRiskToClear, RuleOf(() => NewConversation().Write(Patient, true, "Fine", null, 0, Now).MarkFalsePositive(Clinician, Now)));
}
