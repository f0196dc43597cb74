using Microsoft.Extensions.Time.Testing;
using Rapport.Web.Features;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.LiveSessions;

namespace Rapport.UnitTests.Features.LiveSessions;

public sealed class LiveSessionTests
{
    private static readonly DateTimeOffset Booked = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = Booked.AddDays(2);

    private static Appointment Appointment() =>
        Rapport.Web.Features.Booking.Appointment.Book(Guid.NewGuid(), Guid.NewGuid(), Start, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(10),
            AppointmentKind.Session, Booked);

    private static string RuleOf(Action act) => Assert.Throws<RuleViolationException>(act).Rule;

    [Fact]
    public void TheWindowOpensExactlyFifteenMinutesBeforeTheStart()
    {
        var clock = new FakeTimeProvider(Start.AddMinutes(-15).AddTicks(-1));
        var appointment = Appointment();

        Assert.Equal(LiveSessionRules.TooEarly, RuleOf(() => LiveSession.Open(appointment, clock.GetUtcNow())));
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.NotNull(LiveSession.Open(appointment, clock.GetUtcNow()));
    }

    [Fact]
    public void TheWindowClosesThirtyMinutesAfterThePlannedEnd()
    {
        var appointment = Appointment();
        var clock = new FakeTimeProvider(appointment.EndUtc.AddMinutes(30));

        LiveSession.EnsureJoinable(appointment, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(LiveSessionRules.TooLate, RuleOf(() => LiveSession.EnsureJoinable(appointment, clock.GetUtcNow())));
    }

    [Fact]
    public void ACancelledAppointmentCannotBeJoinedEvenInsideTheWindow()
    {
        var appointment = Appointment();
        appointment.Cancel(CancelledBy.Patient, Booked, TimeSpan.FromHours(24));

        Assert.Equal(LiveSessionRules.Cancelled, RuleOf(() => LiveSession.Open(appointment, Start)));
    }

    [Fact]
    public void RoomIdsAre128RandomBitsInBase64Url()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => LiveSession.NewRoomId()).ToList();

        Assert.All(ids, id => Assert.True(LiveSession.LooksLikeRoomId(id), id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Equal(22, id.Length));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA/")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA=")]
    public void ThingsThatAreNotRoomIdsAreRecognisedBeforeAnyLookUp(string? text) =>
        Assert.False(LiveSession.LooksLikeRoomId(text));

    [Fact]
    public void APatientWaitsUntilTheTherapistAdmitsThem()
    {
        var session = LiveSession.Open(Appointment(), Start);

        Assert.False(session.PatientArrives(Start));
        Assert.True(session.IsPatientWaiting);
        session.Admit(Side.Therapist, Start.AddMinutes(1));
        Assert.True(session.IsPatientAdmitted);
    }

    [Fact]
    public void OnlyTheTherapistAdmits()
    {
        var session = LiveSession.Open(Appointment(), Start);
        session.PatientArrives(Start);

        Assert.Equal(LiveSessionRules.TherapistOnly, RuleOf(() => session.Admit(Side.Patient, Start)));
        Assert.False(session.IsPatientAdmitted);
    }

    [Fact]
    public void NobodyCanBeAdmittedWhoIsNotWaiting()
    {
        var session = LiveSession.Open(Appointment(), Start);

        Assert.Equal(LiveSessionRules.PatientNotWaiting, RuleOf(() => session.Admit(Side.Therapist, Start)));
    }

    [Fact]
    public void AnAdmittedPatientWhoArrivesAgainIsStillAdmitted()
    {
        var session = LiveSession.Open(Appointment(), Start);
        session.PatientArrives(Start);
        session.Admit(Side.Therapist, Start);

        Assert.True(session.PatientArrives(Start.AddMinutes(5)));
        Assert.True(session.IsPatientAdmitted);
    }

    [Fact]
    public void APatientSentBackMustBeAdmittedAgain()
    {
        var session = LiveSession.Open(Appointment(), Start);
        session.PatientArrives(Start);
        session.Admit(Side.Therapist, Start);

        session.SendBack(Side.Therapist, Start.AddMinutes(1));

        Assert.False(session.IsPatientAdmitted);
        Assert.False(session.PatientArrives(Start.AddMinutes(2)));
        Assert.True(session.IsPatientWaiting);
    }

    [Fact]
    public void EndingACallWithTheAdmittedPatientCountsTheAppointmentAttended()
    {
        var appointment = Appointment();
        var session = LiveSession.Open(appointment, Start);
        session.PatientArrives(Start);
        session.Admit(Side.Therapist, Start.AddMinutes(1));

        Assert.True(session.End(Side.Therapist, appointment, Start.AddMinutes(51)));
        Assert.Equal(TimeSpan.FromMinutes(50), session.Duration);
    }

    [Fact]
    public void EndingACallThePatientNeverEnteredDoesNotCountTheAppointmentAttended()
    {
        var appointment = Appointment();
        var session = LiveSession.Open(appointment, Start);
        session.PatientArrives(Start);

        Assert.False(session.End(Side.Therapist, appointment, Start.AddMinutes(20)));
        Assert.True(session.IsEnded);
        Assert.Null(session.Duration);
    }

    [Fact]
    public void OnlyTheTherapistEndsAndAnEndedCallStaysEnded()
    {
        var appointment = Appointment();
        var session = LiveSession.Open(appointment, Start);

        Assert.Equal(LiveSessionRules.TherapistOnly, RuleOf(() => session.End(Side.Patient, appointment, Start)));
        session.End(Side.Therapist, appointment, Start);
        Assert.Equal(LiveSessionRules.Over, RuleOf(() => session.PatientArrives(Start)));
        Assert.Equal(LiveSessionRules.Over, RuleOf(() => session.End(Side.Therapist, appointment, Start)));
    }

    [Fact]
    public void ANoShowIsRefusedOnceThePatientHasArrived()
    {
        var appointment = Appointment();
        var session = LiveSession.Open(appointment, Start);
        session.PatientArrives(Start);

        Assert.Equal(LiveSessionRules.PatientJoined, RuleOf(() => session.MarkNoShow(Side.Therapist, Start.AddMinutes(10))));
        Assert.False(session.IsEnded);
    }

    [Fact]
    public void MarkingAPatientWhoNeverCameAsMissedClosesTheRoom()
    {
        var session = LiveSession.Open(Appointment(), Start);

        session.MarkNoShow(Side.Therapist, Start.AddMinutes(10));

        Assert.True(session.IsEnded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AnEmptyLocationIsRefused(string location)
    {
        var session = LiveSession.Open(Appointment(), Start);

        Assert.Equal(LiveSessionRules.LocationLength, RuleOf(() => session.ConfirmLocation(Side.Therapist, location, Start)));
    }

    [Fact]
    public void AnUnchangedModeIsNotAChange()
    {
        var session = LiveSession.Open(Appointment(), Start);

        Assert.False(session.ReportMode(Side.Patient, CallMode.Video));
        Assert.True(session.ReportMode(Side.Patient, CallMode.AudioOnly));
        Assert.Equal(CallMode.AudioOnly, session.PatientMode);
        Assert.Equal(CallMode.Video, session.TherapistMode);
    }

    [Fact]
    public void TheMessageBudgetAllowsABurstOfFortyThenTwentyASecond()
    {
        var clock = new FakeTimeProvider(Start);
        var budget = new MessageBudget(clock);

        Assert.Equal(MessageBudget.Capacity, Enumerable.Range(0, 100).Count(_ => budget.TryTake()));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(MessageBudget.PerSecond, Enumerable.Range(0, 100).Count(_ => budget.TryTake()));
    }

    [Fact]
    public void TurnCredentialsFollowTheRestScheme()
    {
        // RFC 2202 test case 2: HMAC-SHA1("Jefe", "what do ya want for nothing?").
        Assert.Equal(Convert.ToBase64String(Convert.FromHexString("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")),
            IceServers.Credential("Jefe", "what do ya want for nothing?"));
    }
}
