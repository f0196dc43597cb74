using System.Globalization;
using PdfSharp.Pdf;
using Rapport.Web.Infrastructure;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// The patient's plan as a PDF to keep on their phone for when the connection is weak (docs/clinical/safety-workflow.md#safety-plan, "including offline"):
/// what matters most to them, the six steps and the crisis lines of their country. Its file name and title say only
/// "plan", so a glance at a download list or a shared phone tells nobody what it is.
/// </summary>
public static class SafetyPlanPdf
{
    public const string FileName = "rapport-plan.pdf";

    public static byte[] Render(PlanSheet sheet, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        using var document = new PdfDocument();
        document.Info.Title = "My plan";
        document.Info.Creator = "Rapport";
        var pdf = new PdfFlow(document, "Private");
        var culture = CultureInfo.InvariantCulture;

        pdf.Title("My safety plan");
        if (sheet.Plan is not { } plan)
        {
            pdf.Line("No plan written yet. The numbers below are there for you at any time.");
        }
        else
        {
            pdf.Muted($"Version {plan.Version}, written {plan.CreatedAt.UtcDateTime.ToString("d MMMM yyyy", culture)}.");
            WriteSteps(pdf, plan);
        }

        pdf.Heading("If you need help now");
        pdf.Line("If you are in danger or might act on thoughts of harming yourself, call one of these numbers now.");
        foreach (var line in sheet.Lines)
        {
            string?[] ways = [line.Phone is { } phone ? $"call {phone}" : null, line.Text is { } text ? $"text {text}" : null];
            pdf.SubHeading($"{line.Name}: {string.Join(" or ", ways.OfType<string>())}");
            string?[] more = [line.Hours.Length > 0 ? $"Open {line.Hours}." : null, line.Languages.Count > 0 ? $"In {line.LanguagesInWords}." : null, line.Notes, line.Url];
            if (more.Any(m => m is not null))
            {
                pdf.Muted(string.Join(" ", more.OfType<string>()));
            }
        }
        pdf.Muted(sheet.CountryName.Length > 0
            ? $"Numbers for {sheet.CountryName}. If you are somewhere else, call the local emergency number."
            : "If 112 does not work where you are, call the local emergency number.");
        pdf.Muted($"Made {generatedAt.UtcDateTime.ToString("d MMMM yyyy", culture)} by Rapport.");
        return pdf.Finish();
    }

    /// <summary>What matters most to the patient and the six steps, as this PDF and the patient's copy of their records show them.</summary>
    public static void WriteSteps(PdfFlow pdf, SafetyPlanVersion plan)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.ReasonForLiving is { } reason)
        {
            pdf.Heading(SafetyPlanVersion.ReasonForLivingHeading);
            pdf.Paragraph(reason);
        }
        foreach (var (number, heading, text) in plan.Numbered())
        {
            pdf.Heading($"Step {number}. {heading}");
            pdf.Paragraph(text ?? "Not written yet.");
        }
    }
}
