using System.Reflection;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Rapport.Web.Infrastructure;

/// <summary>
/// Flows text down A4 pages with PDFsharp: measured word wrap, a new page when the next line would not fit, a footer on
/// each page. The font (DejaVu Sans, free licence, in Features/TreatmentCourses/Fonts) is embedded in the app, so a PDF
/// looks the same on a server with no fonts installed and carries every character a name or a phone number may need.
/// </summary>
public sealed class PdfFlow
{
    private const string Family = "Rapport Sans";
    private const double Margin = 56;
    private static readonly Lock FontLock = new();

    private readonly PdfDocument document;
    private readonly string footer;
    private readonly XFont body;
    private readonly XFont bold;
    private readonly XFont title;
    private readonly XFont heading;
    private readonly XFont small;
    private XGraphics? gfx;
    private PdfPage? page;
    private double y;
    private int pages;

    /// <param name="document">The document to add pages to.</param>
    /// <param name="footer">The words before "page N" at the foot of every page.</param>
    public PdfFlow(PdfDocument document, string footer)
    {
        // The fonts are made after the resolver is in place: PDFsharp resolves a family when an XFont is created.
        EnsureFonts();
        body = new(Family, 10.5, XFontStyleEx.Regular);
        bold = new(Family, 10.5, XFontStyleEx.Bold);
        title = new(Family, 16, XFontStyleEx.Bold);
        heading = new(Family, 12.5, XFontStyleEx.Bold);
        small = new(Family, 8.5, XFontStyleEx.Regular);
        this.document = document;
        this.footer = footer;
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

    /// <summary>Writes the last footer and returns the document's bytes.</summary>
    public byte[] Finish()
    {
        Footer();
        gfx?.Dispose();
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
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
        gfx!.DrawString($"{footer} · page {pages}", small, XBrushes.DimGray, new XPoint(Margin, page!.Height.Point - Margin + 10));

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
}
