namespace Rapport.Web.Features;

/// <summary>
/// The model of <c>Shared/_ValidationSummary.cshtml</c> on a form whose fields each show their own message: the summary
/// then lists only what belongs to no field, so no message is written twice, one above the other. Without it the
/// summary lists every message, for forms that show none beside their fields.
/// </summary>
public sealed record ErrorSummary
{
    public static readonly ErrorSummary FieldsShowTheirOwn = new();

    /// <summary>Said when every error is beside its field: the alert still tells a screen reader the form was refused.</summary>
    public const string SeeTheFields = "Some answers need a change: each is explained beside its field.";
}
