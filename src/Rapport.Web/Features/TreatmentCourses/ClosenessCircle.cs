using System.Globalization;
using System.Net;
using System.Text;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>One person as the closeness circle draws them: who, what they are to the patient, how close, and the problem area they relate to.</summary>
public sealed record CirclePerson(string Name, string Role, int Ring, ProblemArea? Area)
{
    public static CirclePerson From(InventoryPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new(person.Name, person.Role, person.ClosenessRing, person.RelatedProblemArea);
    }
}

/// <summary>
/// The closeness circle of the interpersonal inventory (docs/clinical/ipt-course.md#closeness-circle): three concentric rings with the
/// patient at the centre and each person inside their ring's band, spread by angle, numbered, labelled with name and role, and
/// marked by the problem area they relate to (a CSS class for the colour and a shape of its own, so it also reads in
/// black and white). Drawn on the server like <see cref="Assessments.ProgressChart"/>: no script, no style attribute,
/// one image to assistive technology with a title and a description; the page lists the same people in a table with
/// the same numbers. A crowded ring keeps every marker and number and drops the words to the table.
/// </summary>
public static class ClosenessCircle
{
    private const double Width = 800;
    private const double Centre = 400;
    /// <summary>The radius of a person's marker.</summary>
    public const double MarkerRadius = 13;
    private const double CentreRadius = 34;
    private const double LegendY = 745;
    private const double Height = 800;
    private const int MaxLabel = 12;
    // Generous for a bold 12 px label, so a label pushed back inside the drawing is never clipped.
    private const double CharWidth = 9.2;

    /// <summary>The radius of each ring, innermost first.</summary>
    public static IReadOnlyList<double> RingRadii { get; } = [95, 180, 262];

    /// <summary>
    /// The band a ring's people sit in: from the ring inside it (the patient's disc for the first) out to the ring's own
    /// line. A person is drawn inside it, never on a line, so their ring cannot be misread (TreatmentCourses readme,
    /// rule 12a).
    /// </summary>
    public static (double Inner, double Outer) Band(int ring)
    {
        var k = Math.Clamp(ring, 1, RingRadii.Count);
        return (k == 1 ? CentreRadius : RingRadii[k - 2], RingRadii[k - 1]);
    }

    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>Every area in legend order, then "none".</summary>
    public static IReadOnlyList<ProblemArea?> LegendAreas { get; } =
        [ProblemArea.Grief, ProblemArea.RoleDispute, ProblemArea.RoleTransition, ProblemArea.InterpersonalDeficits, null];

    /// <summary>The people in drawing order (closest ring first, then by name) with the number each carries on the circle and in the table.</summary>
    public static IReadOnlyList<(int Number, CirclePerson Person)> Numbered(IEnumerable<CirclePerson> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        return [.. people.OrderBy(p => p.Ring).ThenBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).Select((p, i) => (i + 1, p))];
    }

    /// <summary>The CSS class that colours a marker: grief, role dispute, role transition, deficits, or none.</summary>
    public static string AreaClass(ProblemArea? area) => area switch
    {
        ProblemArea.Grief => "area-grief",
        ProblemArea.RoleDispute => "area-dispute",
        ProblemArea.RoleTransition => "area-transition",
        ProblemArea.InterpersonalDeficits => "area-deficits",
        _ => "area-none",
    };

    /// <summary>The area's name in the legend and table: the therapist's term, or the patient's plain words.</summary>
    public static string AreaName(ProblemArea? area, bool plainWords) => area is { } a
        ? plainWords ? ProblemAreaGuide.For(a).PlainName : ProblemAreaGuide.For(a).Name
        : plainWords ? "Not linked to the focus" : "No problem area";

    /// <summary>The circle with <paramref name="centreLabel"/> ("Me", or the patient's first name) in the middle.</summary>
    public static string Render(IReadOnlyList<CirclePerson> people, string centreLabel, bool plainWords = false, string id = "closeness-circle")
    {
        ArgumentNullException.ThrowIfNull(people);
        var numbered = Numbered(people);
        var svg = new StringBuilder();
        svg.Append(English, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" class=\"chart closeness-circle\" role=\"img\" ")
            .Append(English, $"aria-labelledby=\"{Encode(id)}-title {Encode(id)}-desc\" font-family=\"system-ui, sans-serif\" font-size=\"12\">");
        svg.Append(English, $"<title id=\"{Encode(id)}-title\">Closeness circle: the important people around {Encode(centreLabel)}</title>");
        svg.Append(English, $"<desc id=\"{Encode(id)}-desc\">{Encode(Describe(people, centreLabel, plainWords))}</desc>");

        // The rings, outermost first so the inner ones are painted over it, each named at the top.
        for (var r = RingRadii.Count; r >= 1; r--)
        {
            var radius = RingRadii[r - 1];
            svg.Append(English, $"<circle class=\"ring ring-{r}\" cx=\"{N(Centre)}\" cy=\"{N(Centre)}\" r=\"{N(radius)}\" fill=\"none\" stroke=\"#7a8a96\" stroke-width=\"1.5\"/>");
            svg.Append(English, $"<text class=\"ring-label\" x=\"{N(Centre)}\" y=\"{N(Centre - radius + 16)}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#3d4b55\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{RingName(r)}</text>");
        }
        svg.Append(English, $"<circle class=\"centre\" cx=\"{N(Centre)}\" cy=\"{N(Centre)}\" r=\"{N(CentreRadius)}\" fill=\"#1f5f7a\"/>");
        svg.Append(English, $"<text class=\"centre-label\" x=\"{N(Centre)}\" y=\"{N(Centre + 6)}\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"700\" fill=\"#ffffff\">{Encode(Shorten(centreLabel, 10))}</text>");

        if (numbered.Count == 0)
        {
            svg.Append(English, $"<text class=\"empty\" x=\"{N(Centre)}\" y=\"{N(Centre + 60)}\" text-anchor=\"middle\" font-size=\"16\" fill=\"#3d4b55\">No people on the list yet</text>");
        }
        foreach (var ring in numbered.GroupBy(p => p.Person.Ring))
        {
            var members = ring.ToList();
            // The middle of the ring's band, and how far a crowded ring's markers may swing either side and stay inside it.
            var (inner, outer) = Band(ring.Key);
            var radius = (inner + outer) / 2;
            var swing = Math.Min(13, ((outer - inner) / 2) - MarkerRadius - 2);
            // Room along the ring for each person: enough for the words, or only for the numbered marker.
            var spacing = 2 * Math.PI * radius / members.Count;
            var withWords = spacing >= 56;
            // Too many for one line of markers: alternate them nearer and farther within the band.
            var zigzag = spacing < (2 * MarkerRadius) + 6;
            // Each ring starts at a different angle, so people on different rings do not line up.
            var offset = (-90 + (ring.Key * 23)) * Math.PI / 180;
            for (var i = 0; i < members.Count; i++)
            {
                var (number, person) = members[i];
                var angle = offset + (2 * Math.PI * i / members.Count);
                var at = zigzag ? radius + (i % 2 == 0 ? -swing : swing) : radius;
                var (x, y) = (Centre + (at * Math.Cos(angle)), Centre + (at * Math.Sin(angle)));
                Marker(svg, person.Area, number, x, y);
                if (withWords)
                {
                    Label(svg, person, angle, x, y);
                }
            }
        }
        Legend(svg, plainWords);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>What the circle shows, in words: "Closest to Alex (ring 1): Sam, partner (role dispute). …".</summary>
    public static string Describe(IReadOnlyList<CirclePerson> people, string centreLabel, bool plainWords = false)
    {
        ArgumentNullException.ThrowIfNull(people);
        if (people.Count == 0)
        {
            return $"{centreLabel} is at the centre. No people are on the list yet.";
        }
        var parts = Numbered(people).GroupBy(p => p.Person.Ring).Select(g =>
            $"{RingName(g.Key)} (ring {g.Key}): " + string.Join("; ", g.Select(p =>
                $"{p.Number}. {p.Person.Name}, {p.Person.Role} ({AreaName(p.Person.Area, plainWords).ToLowerInvariant()})")));
        return $"{centreLabel} is at the centre; {(people.Count == 1 ? "1 person" : $"{people.Count} people")} around. " + string.Join(". ", parts) + ".";
    }

    private static string RingName(int ring) => ring switch
    {
        1 => "Closest",
        2 => "Close",
        _ => "Further out",
    };

    /// <summary>A shape per area (circle, square, diamond, triangle, ring) with the person's number in it.</summary>
    private static void Marker(StringBuilder svg, ProblemArea? area, int number, double x, double y)
    {
        var css = $"person {AreaClass(area)}";
        const double r = MarkerRadius;
        svg.Append(area switch
        {
            ProblemArea.RoleDispute => string.Create(English, $"<rect class=\"{css}\" x=\"{N(x - r + 1)}\" y=\"{N(y - r + 1)}\" width=\"{N((2 * r) - 2)}\" height=\"{N((2 * r) - 2)}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>"),
            ProblemArea.RoleTransition => string.Create(English, $"<path class=\"{css}\" d=\"M{N(x)} {N(y - r - 2)}L{N(x + r + 2)} {N(y)}L{N(x)} {N(y + r + 2)}L{N(x - r - 2)} {N(y)}Z\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>"),
            ProblemArea.InterpersonalDeficits => string.Create(English, $"<path class=\"{css}\" d=\"M{N(x)} {N(y - r - 3)}L{N(x + r + 2)} {N(y + r - 1)}L{N(x - r - 2)} {N(y + r - 1)}Z\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>"),
            _ => string.Create(English, $"<circle class=\"{css}\" cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\" stroke-width=\"2\"/>"),
        });
        var textY = area == ProblemArea.InterpersonalDeficits ? y + 7 : y + 5;
        // White on the coloured shapes, ink inside the open ring of "no area".
        svg.Append(English, $"<text class=\"person-number\" x=\"{N(x)}\" y=\"{N(textY)}\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"700\" fill=\"{(area is null ? "#1d2a33" : "#ffffff")}\">{number}</text>");
    }

    /// <summary>Name and role outside the marker, away from the centre, anchored so the words run away from the circle.</summary>
    private static void Label(StringBuilder svg, CirclePerson person, double angle, double x, double y)
    {
        var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
        var anchor = cos > 0.35 ? "start" : cos < -0.35 ? "end" : "middle";
        var name = Shorten(person.Name, MaxLabel);
        var role = Shorten(person.Role, MaxLabel);
        var gap = MarkerRadius + 4;
        var lx = x + (cos * gap);
        // Two lines: below the marker in the lower half, above it in the upper half, beside it at the sides.
        var firstY = sin > 0.35 ? y + gap + 10 : sin < -0.35 ? y - gap - 17 : y - 3;
        lx = anchor switch
        {
            "start" => Math.Min(lx, Width - 4 - (Math.Max(name.Length, role.Length) * CharWidth)),
            "end" => Math.Max(lx, 4 + (Math.Max(name.Length, role.Length) * CharWidth)),
            _ => lx,
        };
        svg.Append(English, $"<text class=\"person-label\" x=\"{N(lx)}\" y=\"{N(firstY)}\" text-anchor=\"{anchor}\" font-size=\"15\" fill=\"#1d2a33\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">")
            .Append(English, $"<tspan class=\"person-name\" font-weight=\"600\">{Encode(name)}</tspan>")
            .Append(English, $"<tspan class=\"person-role\" x=\"{N(lx)}\" dy=\"16\" font-size=\"13\" fill=\"#3d4b55\">{Encode(role)}</tspan></text>");
    }

    private static void Legend(StringBuilder svg, bool plainWords)
    {
        var (x, y) = (16.0, LegendY);
        foreach (var area in LegendAreas)
        {
            var name = AreaName(area, plainWords);
            var width = (2 * MarkerRadius) + 6 + (name.Length * 7.4);
            if (x + width > Width - 16)
            {
                (x, y) = (16.0, y + 32);
            }
            // The legend marker is drawn at the same size as on the circle, without a number.
            var sample = new StringBuilder();
            Marker(sample, area, 0, x + MarkerRadius, y);
            var shape = sample.ToString();
            svg.Append(shape[..shape.IndexOf("<text", StringComparison.Ordinal)].Replace("class=\"person ", "class=\"legend-symbol ", StringComparison.Ordinal));
            svg.Append(English, $"<text class=\"legend\" x=\"{N(x + (2 * MarkerRadius) + 6)}\" y=\"{N(y + 5)}\" font-size=\"14\" fill=\"#3d4b55\">{Encode(name)}</text>");
            x += width + 18;
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", English);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
