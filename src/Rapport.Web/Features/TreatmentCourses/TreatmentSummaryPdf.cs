using System.Globalization;
using System.Reflection;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// Renders a <see cref="TreatmentSummary"/> as an A4 PDF with PDFsharp. The font (DejaVu Sans, free licence in
/// Fonts/) is embedded in the app, so the PDF looks the same on a server with no fonts installed and carries every
/// character a name may need. Text wraps by measured width and flows onto new pages; each page says it is confidential.
/// </summary>
public static class TreatmentSummaryPdf
{
    private const string Family = "Rapport Sans";
    private const double Margin = 56;
    private static readonly Lock FontLock = new();

    public static byte[] Render(TreatmentSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        EnsureFonts();
        using var document = new PdfDocument();
        document.Info.Title = "Treatment summary";
        document.Info.Creator = "Rapport";
        var writer = new Writer(document);
        var culture = CultureInfo.InvariantCulture;
        string Date(DateOnly? d) => d?.ToString("d MMMM yyyy", culture) ?? "—";

        writer.Title("Treatment summary: Interpersonal Psychotherapy");
        writer.Line($"{summary.PatientName}, with {summary.TherapistName}");
        writer.Muted(summary.Audience == SummaryAudience.Referral
            ? "For a referral to another clinician. Confidential clinical information."
            : "Your copy. Keep it somewhere private.");

        writer.Heading("Dates and attendance");
        writer.Line($"Course opened {Date(summary.OpenedOn)}; now: {summary.Phase}.");
        if (summary.ContractStart is not null)
        {
            writer.Line($"Contract from {Date(summary.ContractStart)}, last session planned for {Date(summary.PlannedEnd)}.");
        }
        if (summary.EndedOn is not null)
        {
            writer.Line($"Course ended {Date(summary.EndedOn)}.");
        }
        writer.Line(summary.Attendance() + ".");

        writer.Heading(summary.Audience == SummaryAudience.Referral ? "Focus (IPT problem areas)" : "What we worked on");
        if (summary.Focus.Count == 0)
        {
            writer.Line("No focus agreed yet.");
        }
        foreach (var focus in summary.Focus)
        {
            writer.Bullet(focus);
        }
        foreach (var goal in summary.Goals)
        {
            writer.Bullet("Goal: " + goal);
        }
        if (summary.FormulationForPatient is { } wording)
        {
            writer.Paragraph(wording);
        }

        writer.Heading("Scores from start to end");
        if (summary.Scores.Count == 0)
        {
            writer.Line("No questionnaires were completed.");
        }
        foreach (var s in summary.Scores)
        {
            var change = s.Change.Count > 0 ? $" ({string.Join(", ", s.Change)})" : "";
            writer.Bullet($"{s.Instrument}: {s.Baseline} on {Date(s.BaselineOn)} → {s.Latest} on {Date(s.LatestOn)}{(s.LatestBand is { } b ? $", {b}" : "")}{change}");
        }

        writer.Heading("Looking back and ahead");
        if (summary.Ending is not { } review)
        {
            writer.Line("The ending review has not been written yet.");
        }
        else
        {
            if (!review.Completed)
            {
                writer.Muted("Draft: not yet completed.");
            }
            if (review.Gains is { } gains)
            {
                writer.SubHeading("What changed, in the patient's words");
                writer.Paragraph(gains);
            }
            if (review.WarningSigns.Count > 0)
            {
                writer.SubHeading("Warning signs and what to do");
                foreach (var w in review.WarningSigns)
                {
                    writer.Bullet($"{w.Sign}: {w.WhatToDo}");
                }
            }
            if (review.AnticipatedProblems.Count > 0)
            {
                writer.SubHeading("Problems ahead and plans");
                foreach (var p in review.AnticipatedProblems)
                {
                    writer.Bullet($"{p.Problem}: {p.Plan}");
                }
            }
            if (review.EmergencyContact is { } contact)
            {
                writer.SubHeading("In an emergency");
                writer.Paragraph(contact);
            }
            writer.SubHeading("After the course");
            writer.Paragraph(review.Decision);
        }
        writer.Muted($"Generated {summary.GeneratedAt.UtcDateTime.ToString("d MMMM yyyy HH:mm", culture)} UTC by Rapport.");
        writer.Finish();

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static void EnsureFonts()
    {
        // The resolver is process-wide in PDFsharp and may be set only once.
        lock (FontLock)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFonts)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFonts();
            }
        }
    }

    private sealed class EmbeddedFonts : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new(isBold ? "DejaVuSans-Bold" : "DejaVuSans", false, isItalic);

        public byte[]? GetFont(string faceName)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Rapport.Web.Features.TreatmentCourses.Fonts.{faceName}.ttf");
            if (stream is null)
            {
                return null;
            }
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }

    /// <summary>Flows text down A4 pages: measured word wrap, a new page when the next line would not fit.</summary>
    private sealed class Writer
    {
        private readonly PdfDocument document;
        private readonly XFont body = new(Family, 10.5, XFontStyleEx.Regular);
        private readonly XFont bold = new(Family, 10.5, XFontStyleEx.Bold);
        private readonly XFont title = new(Family, 16, XFontStyleEx.Bold);
        private readonly XFont heading = new(Family, 12.5, XFontStyleEx.Bold);
        private readonly XFont small = new(Family, 8.5, XFontStyleEx.Regular);
        private XGraphics? gfx;
        private PdfPage? page;
        private double y;
        private int pages;

        public Writer(PdfDocument document)
        {
            this.document = document;
            NewPage();
        }

        private double Width => page!.Width.Point - 2 * Margin;
        private double Bottom => page!.Height.Point - Margin - 20;

        public void Title(string text) => Write(text, title, XBrushes.Black, 0, 22);
        public void Heading(string text)
        {
            y += 10;
            Write(text, heading, XBrushes.Black, 0, 17);
        }
        public void SubHeading(string text) => Write(text, bold, XBrushes.Black, 0, 15);
        public void Line(string text) => Write(text, body, XBrushes.Black, 0, 14.5);
        public void Paragraph(string text)
        {
            foreach (var part in text.Split('\n'))
            {
                Write(part.TrimEnd('\r'), body, XBrushes.Black, 0, 14.5);
            }
        }
        public void Bullet(string text) => Write("•  " + text, body, XBrushes.Black, 10, 14.5);
        public void Muted(string text) => Write(text, small, XBrushes.DimGray, 0, 12);

        public void Finish()
        {
            Footer();
            gfx?.Dispose();
        }

        private void Write(string text, XFont font, XBrush brush, double indent, double lineHeight)
        {
            foreach (var line in Wrap(text, font, Width - indent))
            {
                if (y + lineHeight > Bottom)
                {
                    NewPage();
                }
                gfx!.DrawString(line, font, brush, new XPoint(Margin + indent, y + lineHeight * 0.8));
                y += lineHeight;
            }
        }

        private IEnumerable<string> Wrap(string text, XFont font, double width)
        {
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                yield return "";
                yield break;
            }
            var line = "";
            foreach (var word in words)
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && gfx!.MeasureString(candidate, font).Width > width)
                {
                    yield return line;
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }
            yield return line;
        }

        private void NewPage()
        {
            if (gfx is not null)
            {
                Footer();
                gfx.Dispose();
            }
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            pages++;
            y = Margin;
        }

        private void Footer() =>
            gfx!.DrawString($"Confidential · page {pages}", small, XBrushes.DimGray, new XPoint(Margin, page!.Height.Point - Margin + 10));
    }
}
