using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;

namespace Rapport.IntegrationTests.Features.Platform;

/// <summary>Platform readme, rules 11 and 12: pages compressed as sent, CSS and scripts compressed at build time and cached for good.</summary>
public abstract partial class CompressionTests(RapportApp app)
{
    [Fact]
    public async Task APageAskedForInBrotliComesBackInBrotliAndDecodesToTheSameHtml()
    {
        using var client = app.NewClient();

        var plain = await client.Http.SendAsync(Get("/privacy"));
        var compressed = await client.Http.SendAsync(Get("/privacy", "br"));

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal("br", Assert.Single(compressed.Content.Headers.ContentEncoding));
        var html = await plain.Content.ReadAsStringAsync();
        var decoded = await DecodeAsync(compressed, "br");
        Assert.Contains("<h1>", decoded, StringComparison.Ordinal);
        Assert.Equal(html, decoded);
        Assert.True((await compressed.Content.ReadAsByteArrayAsync()).Length < Encoding.UTF8.GetByteCount(html));
    }

    [Fact]
    public async Task APageAskedForInGzipComesBackInGzip()
    {
        using var client = app.NewClient();

        var compressed = await client.Http.SendAsync(Get("/", "gzip"));

        Assert.Equal("gzip", Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.Contains("<h1>", await DecodeAsync(compressed, "gzip"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStylesheetComesFromItsFingerprintedAddressCompressedAndCachedForAYear()
    {
        using var client = app.NewClient();
        var home = await client.GetAsync("/");
        var href = Stylesheet().Match(home.Html).Groups[1].Value;

        var css = await client.Http.SendAsync(Get(href, "br, gzip"));
        var original = await client.Http.SendAsync(Get("/css/site.css"));

        Assert.Matches(@"^/css/site\.[a-z0-9]{6,}\.css$", href);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("br", Assert.Single(css.Content.Headers.ContentEncoding));
        Assert.Equal("gzip", Assert.Single((await client.Http.SendAsync(Get(href, "gzip"))).Content.Headers.ContentEncoding));
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        var cache = css.Headers.CacheControl?.ToString() ?? "";
        Assert.Contains("max-age=31536000", cache, StringComparison.Ordinal);
        Assert.Contains("immutable", cache, StringComparison.Ordinal);
        Assert.Equal(await original.Content.ReadAsStringAsync(), await DecodeAsync(css, "br"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/register")]
    public async Task EveryStylesheetAndScriptIsNamedByItsFingerprintedAddressAndAnswers(string path)
    {
        using var client = app.NewClient();

        var page = await client.GetAsync(path);
        var references = Reference().Matches(page.Html).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain("\"/css/site.css\"", page.Html, StringComparison.Ordinal);
        foreach (var reference in references)
        {
            Assert.Matches(@"^/(css|js|lib)/[\w/-]+\.[a-z0-9]{6,}\.(min\.)?(css|js)$", reference.Replace(".min.", ".", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.OK, (await client.Http.SendAsync(Get(reference, "br"))).StatusCode);
        }
    }

    [Fact]
    public async Task APageShowingTheAuthenticatorKeyIsNotCompressed()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var client = app.NewClient();
        await client.SignInAsync(patient);

        var page = await client.Http.SendAsync(Get("/account/two-factor", "br, gzip"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"shared-key\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(page.Content.Headers.ContentEncoding);
    }

    private static HttpRequestMessage Get(string path, string? acceptEncoding = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            foreach (var coding in acceptEncoding.Split(", "))
            {
                request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(coding));
            }
        }
        return request;
    }

    private static async Task<string> DecodeAsync(HttpResponseMessage response, string coding)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream decoder = coding == "br" ? new BrotliStream(body, CompressionMode.Decompress) : new GZipStream(body, CompressionMode.Decompress);
        using var reader = new StreamReader(decoder, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex Stylesheet();

    [GeneratedRegex("(?:<link rel=\"stylesheet\" href|<script src)=\"([^\"]+)\"")]
    private static partial Regex Reference();
}

public sealed class CompressionTestsOnSqlite(SqliteApp app) : CompressionTests(app);

public sealed class CompressionTestsOnPostgres(PostgresApp app) : CompressionTests(app);
