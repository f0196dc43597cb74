using System.Collections.Concurrent;

namespace Rapport.Web.Features.Platform;

/// <summary>
/// The address of a page by its name, found in the route table once and kept: the layout links a dozen pages on every
/// page it draws, and finding each address again through a link tag helper was a measurable share of a signed-in page's
/// cost (docs/performance.md, "Per request, once"). Only for links without route values, whose address never changes
/// while the app runs.
/// </summary>
public sealed class PageLinks(LinkGenerator links)
{
    private readonly ConcurrentDictionary<string, string> paths = new(StringComparer.Ordinal);

    /// <summary>The page's address under the request's path base; a page name that no route knows is a programming error.</summary>
    public string To(HttpContext context, string page) =>
        context.Request.PathBase.ToUriComponent() + paths.GetOrAdd(page, static (name, links) =>
            links.GetPathByPage(name) ?? throw new InvalidOperationException($"No route leads to the page {name}."), links);
}
