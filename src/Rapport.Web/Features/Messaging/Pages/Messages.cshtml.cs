using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Safety;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.Web.Features.Messaging.Pages;

/// <summary>
/// The patient's conversation with the clinician responsible for them (readme, rules 6–7): the reply promise and the
/// crisis lines always in view, when to expect a reply out of the hours of whoever reads the messages now (the
/// covering clinician during cover, named with the cover's end), and after words of risk the crisis lines and their
/// safety plan at once. Works as a plain form without JavaScript.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.ReadMessages, PatientIsCaller = true)]
public sealed class MessagesModel(MessagingService messaging, AppDbContext db, PeopleNames peopleNames, TimeProvider clock,
    CrisisLines crisisLines, BookingService booking, PatientPlans plans) : ConversationPage(messaging, peopleNames, clock)
{
    public const string ReplyPromise = "Your therapist usually replies within 1 working day; this is not for emergencies.";

    /// <summary>How a report on the between-session task starts (readme, rule 18).</summary>
    public const string TaskReportOpening = "About my between-session task: ";

    private readonly AppDbContext database = db;

    public IReadOnlyList<CrisisLine> Lines { get; private set; } = [];
    public PlanSheet? Plan { get; private set; }
    public DateTimeOffset? WorksAgainAt { get; private set; }

    /// <summary>The responsible clinician's name.</summary>
    public string ClinicianName => Thread?.NameOf(Seat!.ClinicianId) ?? "";

    /// <summary>Who reads and answers the messages now (readme, rule 7); null when the patient is in nobody's care.</summary>
    public MessageReader? Reader { get; private set; }

    /// <summary>The covering clinician's name during cover, else null.</summary>
    public string? CoveringName { get; private set; }

    /// <summary>The name of whoever reads the messages now: the covering clinician during cover, else the responsible one.</summary>
    public string ReaderName => CoveringName ?? ClinicianName;

    /// <summary>The reply promise, naming the covering clinician during cover, since the responsible one is away.</summary>
    public string Promise => CoveringName is { } covering ? ReplyPromiseDuringCover(covering) : ReplyPromise;

    public static string ReplyPromiseDuringCover(string coveringName) =>
        $"{coveringName} usually replies within 1 working day while covering; this is not for emergencies.";

    /// <summary>
    /// When the cover ends, in the patient's zone: cover is arranged in whole days and ends at midnight, which reads
    /// as "the end of" the last day rather than as "00:00" of the day after.
    /// </summary>
    public string? CoverUntil => Reader?.CoverEndsAt is { } end && Thread is { } t
        ? t.Zone.Local(end).TimeOfDay == TimeSpan.Zero ? $"the end of {t.Zone.Day(end.AddMinutes(-1))}" : t.Zone.DayAndTime(end)
        : null;
    public bool ShowsRiskHelp => Notice == "risk";

    /// <summary>"task" when the patient came from "My plan" to tell their therapist how their task went.</summary>
    [BindProperty(SupportsGet = true)]
    public string? About { get; set; }

    /// <summary>The task from the latest signed note, shown above the box when the patient writes about it.</summary>
    public string? CurrentTask { get; private set; }

    protected override string Here => "/messages";

    protected override Task<ConversationSeat?> FindSeatAsync(CancellationToken ct) => Messaging.CurrentForPatientAsync(User.UserId(), ct);

    protected override async Task LoadSurroundingsAsync(CancellationToken ct)
    {
        var me = User.UserId();
        if (ShowsRiskHelp)
        {
            Plan = await PlanSheet.LoadAsync(database, crisisLines, me, ct);
            Lines = Plan.Lines;
        }
        else
        {
            Lines = await crisisLines.ForPatientAsync(me, ct);
        }
        if (About == "task" && Seat is { Writes: true } && await plans.CurrentTaskAsync(me, ct) is { } task)
        {
            CurrentTask = task;
            Text ??= TaskReportOpening;
        }
        if (Seat is not null)
        {
            Reader = await Messaging.ReaderNowAsync(Seat, ct);
            if (Reader.IsCover)
            {
                CoveringName = await PeopleNames.OfAsync(Reader.ClinicianId, ct) ?? "A colleague";
            }
            var now = Clock.GetUtcNow();
            // The hours of whoever reads the messages now: during cover the covering clinician's, not the absent one's.
            if (await booking.LoadCalendarAsync(Reader.ClinicianId, now.AddDays(-1), now + ReplyHours.Horizon, ct) is { } calendar)
            {
                WorksAgainAt = ReplyHours.NextWorkingStart(calendar, now);
            }
        }
    }
}
