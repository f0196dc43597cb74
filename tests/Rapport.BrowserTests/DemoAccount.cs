using Rapport.Web.Data;

namespace Rapport.BrowserTests;

/// <summary>A seeded demo account (Data/DemoClinic.cs): staff sign in with a TOTP code, patients with a password only.</summary>
public sealed record DemoAccount(string Role, string Email, string Name, bool UsesSecondFactor, string Home)
{
    public static readonly DemoAccount Patient = new("patient", $"alex.rivera@{DemoClinic.Domain}", "Alex Rivera", false, "/patient");
    public static readonly DemoAccount Therapist = new("therapist", $"amina.okafor@{DemoClinic.Domain}", "Dr Amina Okafor", true, "/therapist");
    /// <summary>The therapist who treats Alex in the demo history (Data/DemoHistory.cs).</summary>
    public static readonly DemoAccount AlexsTherapist = new("therapist", $"sarah.oconnell@{DemoClinic.Domain}", "Sarah O'Connell", true, "/therapist");
    /// <summary>A patient at the start of an IPT course with his own draft inventory, and his therapist (Data/DemoCourses.cs).</summary>
    public static readonly DemoAccount Liam = new("patient", $"liam.byrne@{DemoClinic.Domain}", "Liam Byrne", false, "/patient");
    public static readonly DemoAccount LiamsTherapist = new("therapist", $"tom.whitfield@{DemoClinic.Domain}", "Dr Tom Whitfield", true, "/therapist");
    /// <summary>A patient in maintenance after her termination review, and her therapist (Data/DemoCourses.cs).</summary>
    public static readonly DemoAccount Nadia = new("patient", $"nadia.haddad@{DemoClinic.Domain}", "Nadia Haddad", false, "/patient");
    public static readonly DemoAccount NadiasTherapist = new("therapist", $"fatima.alsayed@{DemoClinic.Domain}", "Fatima Al-Sayed", true, "/therapist");
    public static readonly DemoAccount Admin = new("admin", $"admin@{DemoClinic.Domain}", "Clinic Admin", true, "/admin");

    public static DemoAccount ByRole(string role) => role switch
    {
        "patient" => Patient,
        "therapist" => Therapist,
        "admin" => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "No demo account for this role."),
    };

    public override string ToString() => Role;
}
