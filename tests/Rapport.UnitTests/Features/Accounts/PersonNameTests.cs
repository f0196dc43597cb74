using Rapport.Web.Features.Accounts;

namespace Rapport.UnitTests.Features.Accounts;

public sealed class PersonNameTests
{
    [Theory]
    [InlineData("Alex Rivera")]
    [InlineData("Seán Ó Briain")]
    [InlineData("علی\u200Cرضا Karimi")] // Persian, with the zero-width non-joiner its spelling needs
    [InlineData("Maya 🌻")] // an emoji is one code point made of two UTF-16 halves
    [InlineData("अनुष्का")] // Devanagari with its combining marks
    [InlineData("O'Neil-Smith Jr.")]
    public void NamesPeopleWriteInAnyScriptAreAccepted(string name) => Assert.True(PersonNameAttribute.IsName(name));

    [Theory]
    [InlineData("Alex\u202Eevir")] // right-to-left override: the name would read backwards
    [InlineData("Alex\u2066Rivera")] // a bidirectional isolate
    [InlineData("Alex\u200BRivera")] // a zero-width space hides text
    [InlineData("Alex\nRivera")]
    [InlineData("<b>Alex</b>")]
    [InlineData("Visit https://evil.example")]
    [InlineData("www.evil.example")]
    public void NamesThatHideReorderOrLinkAreRefused(string name) => Assert.False(PersonNameAttribute.IsName(name));

    [Fact]
    public void HalfAnEmojiIsRefused()
    {
        // Built here, not passed as test data: a lone surrogate does not survive the test runner's serialisation.
        var half = "Alex " + "🌻"[0];

        Assert.False(PersonNameAttribute.IsName(half));
    }
}
