using System.Globalization;
using Hl7.Fhir.Model;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.Interoperability;

/// <summary>A listed therapist's bookable time as Schedule and Slot, and appointments as Appointment (docs/interoperability.md).</summary>
public static class SchedulingMapping
{
    private const string SlotTime = "yyyyMMddHHmm";

    /// <summary>One schedule per listed therapist, under the therapist's id, looking as far ahead as they take bookings.</summary>
    public static Schedule Schedule(Guid therapistId, DateTimeOffset now, int horizonDays) => new()
    {
        Id = therapistId.ToString(),
        Active = true,
        Actor = [FhirCodes.Reference("Practitioner", therapistId), FhirCodes.Reference("PractitionerRole", therapistId)],
        PlanningHorizon = new Period(new FhirDateTime(now), new FhirDateTime(now.AddDays(horizonDays))),
    };

    /// <summary>
    /// Free times are worked out when asked, never stored: a slot's id is its schedule's id and its start (UTC, to the
    /// minute), so the same free time keeps the same id and names nothing but the therapist's opaque id.
    /// </summary>
    public static string SlotId(Guid therapistId, DateTimeOffset startUtc) =>
        $"{therapistId}-{startUtc.UtcDateTime.ToString(SlotTime, CultureInfo.InvariantCulture)}";

    public static bool TryParseSlotId(string id, out Guid therapistId, out DateTimeOffset startUtc)
    {
        therapistId = default;
        startUtc = default;
        if (id.Length != 36 + 1 + SlotTime.Length || id[36] != '-' || !Guid.TryParseExact(id[..36], "D", out therapistId)
            || !DateTime.TryParseExact(id[37..], SlotTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start))
        {
            return false;
        }
        startUtc = new DateTimeOffset(start, TimeSpan.Zero);
        return true;
    }

    public static Hl7.Fhir.Model.Slot Slot(Guid therapistId, Booking.Slot free) => new()
    {
        Id = SlotId(therapistId, free.StartUtc),
        Schedule = FhirCodes.Reference("Schedule", therapistId),
        Status = Hl7.Fhir.Model.Slot.SlotStatus.Free,
        Start = free.StartUtc,
        End = free.EndUtc,
    };

    public static Hl7.Fhir.Model.Appointment Appointment(Booking.Appointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var fhir = new Hl7.Fhir.Model.Appointment
        {
            Id = appointment.Id.ToString(),
            Status = appointment.Status switch
            {
                AppointmentStatus.Booked => Hl7.Fhir.Model.Appointment.AppointmentStatus.Booked,
                AppointmentStatus.Attended => Hl7.Fhir.Model.Appointment.AppointmentStatus.Fulfilled,
                AppointmentStatus.NoShow => Hl7.Fhir.Model.Appointment.AppointmentStatus.Noshow,
                _ => Hl7.Fhir.Model.Appointment.AppointmentStatus.Cancelled,
            },
            AppointmentType = appointment.Kind == AppointmentKind.Assessment
                ? new CodeableConcept(FhirCodes.AppointmentKinds, "first-conversation", "First conversation")
                : new CodeableConcept(FhirCodes.AppointmentKinds, "session", "Session"),
            Start = appointment.StartUtc,
            End = appointment.EndUtc,
            Created = appointment.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Participant =
            [
                Participant("Patient", appointment.PatientId),
                Participant("Practitioner", appointment.TherapistId),
            ],
        };
        if (appointment.CancelledByRole is { } by)
        {
            fhir.CancelationReason = new CodeableConcept
            {
                Text = (by == CancelledBy.Patient ? "Cancelled by the patient" : "Cancelled by the therapist")
                    + (appointment.Status == AppointmentStatus.LateCancelled ? ", inside the notice period" : ""),
            };
        }
        return fhir;
    }

    private static Hl7.Fhir.Model.Appointment.ParticipantComponent Participant(string type, Guid id) => new()
    {
        Actor = FhirCodes.Reference(type, id),
        Required = Hl7.Fhir.Model.Appointment.ParticipantRequired.Required,
        Status = ParticipationStatus.Accepted,
    };
}
