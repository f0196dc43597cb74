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
/// crisis lines always in view, when to expect a reply out of the clinician's hours, and after words of risk the
/// crisis lines and their safety plan at once. Works as a plain form without JavaScript.
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
    public string ClinicianName => Thread?.NameOf(Seat!.ClinicianId) ?? "";
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
            var now = Clock.GetUtcNow();
            if (await booking.LoadCalendarAsync(Seat.ClinicianId, now.AddDays(-1), now + ReplyHours.Horizon, ct) is { } calendar)
            {
                WorksAgainAt = ReplyHours.NextWorkingStart(calendar, now);
            }
        }
    }
}
