using Rapport.Web.Features.Platform;

namespace Rapport.UnitTests.Features.Platform;

public sealed class LocalUrlsTests
{
    [Theory]
    [InlineData("/home")]
    [InlineData("/therapists/3f2504e0-4f89-11d3-9a0c-0305e82c3301?week=2")]
    [InlineData("/measures#today")]
    public void APathOfThisSiteIsAPlaceToReturnTo(string url) => Assert.True(LocalUrls.IsLocalPath(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("home")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/x\\..\\..\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\r/evil.example")]
    [InlineData("/home\u0000")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    public void AnythingElseIsNot(string? url) => Assert.False(LocalUrls.IsLocalPath(url));
}
