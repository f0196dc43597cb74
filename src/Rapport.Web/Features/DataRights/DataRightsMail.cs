using System.Globalization;
using Rapport.Web.Features.Notifications;

namespace Rapport.Web.Features.DataRights;

/// <summary>
/// The e-mails about an erasure request (readme, rule 5). Like every Rapport e-mail they carry no clinical word: they
/// speak of "your Rapport account" and "your records", and link to the page that explains the rest after signing in.
/// </summary>
public static class DataRightsMail
{
    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static MailText ErasureRequested(string name, DateTimeOffset carryOutAfter, string link) => new("You asked us to erase your Rapport account",
        $"""
        Hello {name},

        We received your request to erase your Rapport account. It will be carried out after {Day(carryOutAfter)} (UTC).
        Until then you can change your mind and cancel it here:
        {link}

        The page also explains what is erased and what must be kept, and why.
        If you did not ask for this, sign in and cancel the request, then change your password.
        """);

    public static MailText ErasureCancelled(string name, string link) => new("Your Rapport account will not be erased",
        $"""
        Hello {name},

        You cancelled your request to erase your Rapport account. Nothing was erased, and your account stays as it was.
        You can see your records or ask again at any time here:
        {link}
        """);

    public static MailText ErasureCarriedOut(string name, DateTimeOffset recordsKeptUntil) => new("Your Rapport account has been erased",
        $"""
        Hello {name},

        As you asked, your Rapport account has been erased: you can no longer sign in, and this is the last e-mail we send
        to this address, which we no longer hold.

        The records that the law requires us to keep are kept, locked away, until {Day(recordsKeptUntil)} (UTC) at the
        earliest, and then deleted. If you need a copy of them before then, write to the clinic.
        """);
}
