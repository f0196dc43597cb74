using Hl7.Fhir.Model;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Therapists;

namespace Rapport.Web.Features.Interoperability;

/// <summary>Accounts and therapist profiles as Patient, Practitioner and PractitionerRole (docs/interoperability.md, "Mapping").</summary>
public static class PeopleMapping
{
    /// <summary>The patient; <paramref name="contact"/> false gives the name only (what an enquiry clinician's page shows).</summary>
    public static Patient Patient(PeopleNames.Person user, bool contact = true)
    {
        ArgumentNullException.ThrowIfNull(user);
        var patient = new Patient { Id = user.Id.ToString(), Active = true, Name = [new HumanName { Text = user.DisplayName }] };
        if (!contact)
        {
            return patient;
        }
        patient.Communication = [new Patient.CommunicationComponent { Language = Language(user.PreferredLanguage), Preferred = true }];
        if (!string.IsNullOrEmpty(user.Email))
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, user.Email));
        }
        if (!string.IsNullOrEmpty(user.PhoneNumber))
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, user.PhoneNumber));
        }
        if (!string.IsNullOrEmpty(user.CountryCode))
        {
            patient.Address.Add(new Address { Country = user.CountryCode });
        }
        return patient;
    }

    /// <summary>A clinician: the name only, and the languages of a listed profile (what the public directory shows).</summary>
    public static Practitioner Practitioner(PeopleNames.Person user, TherapistProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Practitioner
        {
            Id = user.Id.ToString(),
            Active = true,
            Name = [new HumanName { Text = user.DisplayName }],
            Communication = profile is { IsListed: true } ? [.. Codes(profile.Languages).Select(Language)] : [],
        };
    }

    /// <summary>A listed therapist's role: what they offer and their weekly hours (in the therapist's own time zone).</summary>
    public static PractitionerRole PractitionerRole(TherapistProfile profile, IEnumerable<AvailabilityWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new PractitionerRole
        {
            Id = profile.UserId.ToString(),
            Active = profile.IsListed,
            Practitioner = FhirCodes.Reference("Practitioner", profile.UserId),
            Code = [new CodeableConcept { Text = "Interpersonal psychotherapist" }],
            Specialty = [.. Codes(profile.Specialties).Select(code => new CodeableConcept(FhirCodes.CodeSystem("offerings"), code,
                TherapistProfile.Offerings.FirstOrDefault(o => o.Code == code).Label ?? code))],
            AvailableTime = [.. windows.Select(w => new PractitionerRole.AvailableTimeComponent
            {
                DaysOfWeek = [Day(w.Day)],
                AvailableStartTime = w.Start.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                AvailableEndTime = w.End.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            })],
        };
    }

    private static CodeableConcept Language(string code) => new("urn:ietf:bcp:47", code);

    private static IEnumerable<string> Codes(string commaSeparated) =>
        commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static DaysOfWeek? Day(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => DaysOfWeek.Mon,
        DayOfWeek.Tuesday => DaysOfWeek.Tue,
        DayOfWeek.Wednesday => DaysOfWeek.Wed,
        DayOfWeek.Thursday => DaysOfWeek.Thu,
        DayOfWeek.Friday => DaysOfWeek.Fri,
        DayOfWeek.Saturday => DaysOfWeek.Sat,
        _ => DaysOfWeek.Sun,
    };
}
