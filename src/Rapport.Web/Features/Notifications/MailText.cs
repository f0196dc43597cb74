namespace Rapport.Web.Features.Notifications;

/// <summary>
/// The words of one e-mail. Every e-mail is made by a template, a public static method returning a MailText beside the
/// feature that sends it, with the variable parts (names, times, links) as arguments; <see cref="Outbox.Queue"/> takes
/// nothing else. The tests find every such method and render it with every choice its flags allow, so a new e-mail is
/// checked for clinical words the day it is written (readme, rule 6).
/// </summary>
public sealed record MailText(string Subject, string Body);

/// <summary>
/// A template only ever sent to staff (therapists, administrators, the audit mailbox). Staff mails may say "therapist"
/// and "patient", which a patient's mail never does; every other clinical word is refused in both (readme, rule 6).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class StaffOnlyMailAttribute : Attribute;
