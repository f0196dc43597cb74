using System.Text.RegularExpressions;
using MimeKit;

namespace Rapport.IntegrationTests.Infrastructure;

public static partial class Links
{
    /// <summary>The path and query of the first link in a message's text that goes to <paramref name="path"/>.</summary>
    public static string PathOfLink(this MimeMessage message, string path)
    {
        var match = Url().Matches(message.TextBody ?? "").FirstOrDefault(m => new Uri(m.Value).AbsolutePath == path)
            ?? throw new InvalidOperationException($"No link to {path} in: {message.TextBody}");
        return new Uri(match.Value).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Url();
}
