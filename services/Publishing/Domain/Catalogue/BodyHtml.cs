using Ganss.Xss;

namespace Gongkai.Publishing.Domain.Catalogue;

/// <summary>
/// Cleans an item's body HTML before it is stored, so what the public page shows is safe whatever an editor pasted: a
/// small whitelist of structural tags, links only to http(s), images only from https or the portal itself (relative),
/// no scripts, event handlers, styles, classes, forms or frames. Built on HtmlSanitizer (an HTML5 parser, so broken or
/// obfuscated markup is parsed as a browser would before the whitelist applies). Tags outside the list are unwrapped
/// (their text stays: pasted Word content is full of span and div), except those whose content is code or a foreign
/// document, which go with their content.
/// </summary>
public static class BodyHtml
{
    public const int MaxLength = 500_000;

    private static readonly string[] Tags = ["p", "br", "strong", "em", "ul", "ol", "li", "table", "thead", "tbody", "tr", "td", "th", "h1", "h2", "h3", "h4", "a", "img"];

    /// <summary>Removed together with everything inside them.</summary>
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
        "textarea", "select", "title", "head", "xmp", "noembed", "noframes", "plaintext",
    };

    private static readonly HtmlSanitizer Sanitizer = Create();

    private static HtmlSanitizer Create()
    {
        var options = HtmlSanitizerOptions.Empty();
        foreach (var tag in Tags)
            options.AllowedTags.Add(tag);
        foreach (var attribute in new[] { "href", "src", "alt", "title", "colspan", "rowspan" })
            options.AllowedAttributes.Add(attribute);
        options.AllowedSchemes.Add("http");
        options.AllowedSchemes.Add("https");
        options.UriAttributes.Add("href");
        options.UriAttributes.Add("src");
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.RemovingTag += (_, e) =>
        {
            if (DroppedWithContent.Contains(e.Tag.LocalName))
                e.Tag.InnerHtml = "";
        };
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.SanitizedUrl is null)
                return;
            var tag = e.Tag.LocalName;
            var url = e.OriginalUrl.Trim();
            var allowed = tag switch
            {
                "a" => IsAbsolute(url, "http") || IsAbsolute(url, "https"),
                "img" => IsAbsolute(url, "https") || IsRelative(url),
                _ => false,
            };
            if (!allowed)
                e.SanitizedUrl = null;
        };
        return sanitizer;
    }

    private static bool IsAbsolute(string url, string scheme) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == scheme && !string.IsNullOrEmpty(uri.Host);

    /// <summary>A path on the portal itself: no scheme, and not protocol-relative (//host/… would load from anywhere).</summary>
    private static bool IsRelative(string url) =>
        url.Length > 0 && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith(@"\", StringComparison.Ordinal)
        && Uri.TryCreate(url, UriKind.Relative, out _) && !url.Contains(':', StringComparison.Ordinal);

    public static string Sanitize(string? html) => string.IsNullOrWhiteSpace(html) ? "" : Sanitizer.Sanitize(html).Trim();

    /// <summary>The text of cleaned HTML, for the search index (tags dropped, entities decoded, block boundaries kept as spaces).</summary>
    public static string TextOf(string? sanitizedHtml)
    {
        if (string.IsNullOrEmpty(sanitizedHtml))
            return "";
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var document = parser.ParseDocument("<body></body>");
        var fragment = parser.ParseFragment(sanitizedHtml, document.Body!);
        return string.Join(" ", fragment.Select(n => n.TextContent)).Trim();
    }
}
