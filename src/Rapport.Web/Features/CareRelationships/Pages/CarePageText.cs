using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.CareRelationships.Pages;

/// <summary>A therapist of the clinic, as a choice in a form (a colleague to suggest, transfer to, cover or supervise).</summary>
public sealed record ClinicianChoice(Guid Id, string Name);

/// <summary>What the care pages share: the clinic's therapists to choose from, states in plain words, dates in the viewer's zone (names come from Accounts' PeopleNames).</summary>
public static class CarePageText
{
    /// <summary>Every therapist of the clinic, by name, in one query.</summary>
    public static async Task<IReadOnlyList<ClinicianChoice>> CliniciansAsync(PeopleNames people, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(people);
        var clinicians = await people.InRole(Roles.Therapist).Select(p => new ClinicianChoice(p.Id, p.DisplayName)).ToListAsync(ct);
        return [.. clinicians.OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>Where a relationship stands, as the patient reads it.</summary>
    public static string ForPatient(CareStatus status) => status switch
    {
        CareStatus.Enquiry => "First conversation booked",
        CareStatus.Handover => "Being handed over to them",
        CareStatus.Offered => "Offered to take you into care",
        CareStatus.Accepted => "Your therapist",
        CareStatus.Declined => "Did not take you into care",
        CareStatus.Withdrawn => "You withdrew",
        CareStatus.Discharged => "Care ended",
        CareStatus.Transferred => "Care passed to a colleague",
        _ => status.ToString(),
    };

    /// <summary>Where a relationship stands, as the clinician reads it.</summary>
    public static string ForClinician(CareStatus status) => status switch
    {
        CareStatus.Enquiry => "First conversation",
        CareStatus.Handover => "Handover waiting",
        CareStatus.Offered => "Waiting for the patient to confirm",
        CareStatus.Accepted => "In your care",
        CareStatus.Declined => "Declined",
        CareStatus.Withdrawn => "Withdrawn by the patient",
        CareStatus.Discharged => "Discharged",
        CareStatus.Transferred => "Transferred to a colleague",
        _ => status.ToString(),
    };

    public static string When(DateTimeOffset utc, TimeZoneInfo zone) => TimeText.DayAndTime(WallClock.Local(utc, zone));

    public static string Date(DateTimeOffset utc, TimeZoneInfo zone) => TimeText.Date(DateOnly.FromDateTime(WallClock.Local(utc, zone)));
}
