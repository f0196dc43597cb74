using System.Globalization;
using System.Xml.Linq;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.UnitTests.Features.TreatmentCourses;

public sealed class ClosenessCircleTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const double Centre = 400;

    private static readonly CirclePerson[] Family =
    [
        new("Sam", "Partner", 1, ProblemArea.RoleDispute),
        new("Ana", "Sister", 2, null),
        new("Grandad", "Died in May", 1, ProblemArea.Grief),
        new("Lee", "Boss", 3, ProblemArea.RoleTransition),
        new("Jo", "Old school friend", 3, ProblemArea.InterpersonalDeficits),
    ];

    private static XElement Draw(IReadOnlyList<CirclePerson> people, string centre = "Alex") => XElement.Parse(ClosenessCircle.Render(people, centre));

    /// <summary>The marker shapes with the number written in them: (number, shape element).</summary>
    private static Dictionary<int, XElement> Markers(XElement svg)
    {
        var elements = svg.Elements().ToList();
        var markers = new Dictionary<int, XElement>();
        for (var i = 1; i < elements.Count; i++)
        {
            if ((string?)elements[i].Attribute("class") == "person-number")
            {
                markers[int.Parse(elements[i].Value, CultureInfo.InvariantCulture)] = elements[i - 1];
            }
        }
        return markers;
    }

    private static double Distance(XElement number) =>
        Math.Sqrt(Math.Pow((double)number.Attribute("x")! - Centre, 2) + Math.Pow((double)number.Attribute("y")! - 4 - Centre, 2));

    private static IEnumerable<XElement> Numbers(XElement svg) => svg.Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "person-number");

    /// <summary>Each numbered marker lies wholly inside its person's ring band, touching neither line.</summary>
    private static void AssertEachSitsInsideTheirBand(XElement svg, IReadOnlyList<CirclePerson> people)
    {
        var numbered = ClosenessCircle.Numbered(people);
        foreach (var number in Numbers(svg))
        {
            var person = numbered.Single(p => p.Number.ToString(CultureInfo.InvariantCulture) == number.Value).Person;
            var (inner, outer) = ClosenessCircle.Band(person.Ring);
            Assert.InRange(Distance(number), inner + ClosenessCircle.MarkerRadius, outer - ClosenessCircle.MarkerRadius);
        }
    }

    [Fact]
    public void EachPersonSitsInsideTheirOwnRingBandNotOnItsLine()
    {
        var svg = Draw(Family);

        AssertEachSitsInsideTheirBand(svg, Family);
        Assert.Equal(5, Numbers(svg).Count());
        Assert.Equal(3, svg.Elements(Svg + "circle").Count(c => ((string?)c.Attribute("class"))?.StartsWith("ring ", StringComparison.Ordinal) == true));
    }

    [Fact]
    public void ThePeopleAreNumberedClosestRingFirstThenByName()
    {
        var numbered = ClosenessCircle.Numbered(Family);

        Assert.Equal(["Grandad", "Sam", "Ana", "Jo", "Lee"], numbered.Select(p => p.Person.Name));
        Assert.Equal([1, 2, 3, 4, 5], numbered.Select(p => p.Number));
    }

    [Fact]
    public void EachMarkerIsColouredAndShapedByTheProblemAreaItRelatesTo()
    {
        var markers = Markers(Draw(Family));

        Assert.Equal(("circle", "person area-grief"), (markers[1].Name.LocalName, (string?)markers[1].Attribute("class")));
        Assert.Equal(("rect", "person area-dispute"), (markers[2].Name.LocalName, (string?)markers[2].Attribute("class")));
        Assert.Equal(("circle", "person area-none"), (markers[3].Name.LocalName, (string?)markers[3].Attribute("class")));
        Assert.Equal(("path", "person area-deficits"), (markers[4].Name.LocalName, (string?)markers[4].Attribute("class")));
        Assert.Equal(("path", "person area-transition"), (markers[5].Name.LocalName, (string?)markers[5].Attribute("class")));
    }

    [Fact]
    public void TheLegendNamesEveryAreaInTheTherapistsTermsOrInPlainWordsForThePatient()
    {
        var therapist = Draw(Family);
        var patient = XElement.Parse(ClosenessCircle.Render(Family, "Me", plainWords: true));

        var legend = therapist.Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "legend").Select(t => t.Value).ToList();
        Assert.Equal(["Grief", "Role dispute", "Role transition", "Interpersonal deficits (sensitivity)", "No problem area"], legend);
        Assert.Equal(5, therapist.Elements().Count(e => ((string?)e.Attribute("class"))?.StartsWith("legend-symbol area-", StringComparison.Ordinal) == true));
        Assert.Contains(patient.Elements(Svg + "text"), t => t.Value == "A conflict with someone important");
        Assert.DoesNotContain(patient.Elements(Svg + "text"), t => t.Value == "Role dispute");
    }

    [Fact]
    public void NameAndRoleLabelEachPersonAndThePatientIsAtTheCentre()
    {
        var svg = Draw(Family);

        var labels = svg.Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "person-label").ToList();
        Assert.Equal(5, labels.Count);
        Assert.Contains(labels, l => l.Elements().Select(s => s.Value).SequenceEqual(["Sam", "Partner"]));
        Assert.Equal("Alex", svg.Elements(Svg + "text").Single(t => (string?)t.Attribute("class") == "centre-label").Value);
    }

    [Fact]
    public void TheCircleIsOneNamedImageDescribedInWords()
    {
        var svg = XElement.Parse(ClosenessCircle.Render(Family[..2], "Alex", id: "circle"));

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("circle-title circle-desc", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal("Closeness circle: the important people around Alex", svg.Element(Svg + "title")!.Value);
        Assert.Equal("Alex is at the centre; 2 people around. Closest (ring 1): 1. Sam, Partner (role dispute). Close (ring 2): 2. Ana, Sister (no problem area).",
            svg.Element(Svg + "desc")!.Value);
    }

    [Fact]
    public void ANameWithMarkupIsEscapedEverywhere()
    {
        CirclePerson[] people = [new("<script>alert(1)</script>", "Boss & <b>friend</b>", 1, null)];

        var html = ClosenessCircle.Render(people, "<i>Me</i>");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        var svg = XElement.Parse(html);
        Assert.Contains("<script>alert(1)</script>", svg.Element(Svg + "desc")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyInventoryDrawsTheRingsAndSaysNobodyIsOnTheListYet()
    {
        var svg = Draw([]);

        Assert.Empty(Numbers(svg));
        Assert.Contains(svg.Elements(Svg + "text"), t => t.Value == "No people on the list yet");
        Assert.Equal("Alex is at the centre. No people are on the list yet.", svg.Element(Svg + "desc")!.Value);
    }

    [Fact]
    public void ThirtyPeopleOnOneRingAllKeepTheirNumberedMarkerInsideTheDrawing()
    {
        var crowd = Enumerable.Range(1, 30).Select(i => new CirclePerson($"Friend {i}", "Friend", 1, null)).ToList();

        var svg = Draw(crowd);

        var numbers = Numbers(svg).ToList();
        AssertEachSitsInsideTheirBand(svg, crowd);
        Assert.Equal(30, numbers.Count);
        Assert.Equal(Enumerable.Range(1, 30), numbers.Select(n => int.Parse(n.Value, CultureInfo.InvariantCulture)).Order());
        // Too many for words on the innermost ring: the names are left to the table, and no two markers sit on top of each other.
        Assert.DoesNotContain(svg.Elements(Svg + "text"), t => (string?)t.Attribute("class") == "person-label");
        var points = numbers.Select(n => ((double)n.Attribute("x")!, (double)n.Attribute("y")!)).ToList();
        foreach (var (a, i) in points.Select((p, i) => (p, i)))
        {
            foreach (var b in points.Skip(i + 1))
            {
                Assert.True(Math.Sqrt(Math.Pow(a.Item1 - b.Item1, 2) + Math.Pow(a.Item2 - b.Item2, 2)) >= 18, "markers overlap");
            }
        }
    }

    [Fact]
    public void ThirtyPeopleSpreadOverTheRingsAreAllLabelledInsideTheDrawing()
    {
        var crowd = Enumerable.Range(1, 30).Select(i => new CirclePerson($"Person number {i}", "Colleague at work", i <= 5 ? 1 : i <= 14 ? 2 : 3, null)).ToList();

        var svg = Draw(crowd);

        var labels = svg.Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "person-label").ToList();
        Assert.Equal(30, labels.Count);
        Assert.All(labels, l => Assert.InRange((double)l.Attribute("x")!, 0, 800));
        // Long words are shortened on the picture (the table has them whole).
        Assert.All(labels, l => Assert.True(l.Elements().All(s => s.Value.Length <= 14)));
    }

    [Theory]
    [InlineData(1, 34, 95)]
    [InlineData(2, 95, 180)]
    [InlineData(3, 180, 262)]
    public void ARingsBandRunsFromTheRingInsideItToItsOwnLine(int ring, double inner, double outer)
    {
        Assert.Equal((inner, outer), ClosenessCircle.Band(ring));
    }

    [Fact]
    public void AFullRingOfPeopleOnEveryRingStaysInsideItsBands()
    {
        var crowd = Enumerable.Range(1, 30).Select(i => new CirclePerson($"P{i}", "Friend", (i % 3) + 1, null)).ToList();

        AssertEachSitsInsideTheirBand(Draw(crowd), crowd);
    }
}
