using Gongkai.Contracts;

namespace Gongkai.Portal;

public static class Extensions
{
    /// <summary>Server-rendered pages that work without JavaScript; the services' public APIs behind them, found by service discovery.</summary>
    public static IHostApplicationBuilder AddPortal(this IHostApplicationBuilder builder)
    {
        // Every page is for anonymous citizens: the platform's default "authenticated" fallback does not apply here
        // (without it an unknown path would be 401, not 404).
        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(null);
        builder.Services.AddRazorPages();
        // Several instances accept each other's forms when they share a key ring.
        builder.AddSharedKeyRing();
        // Chinese text as text, not as &#x...; entities (half the bytes, and readable in the source).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddHttpClient<PublicApis>(http => http.Timeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        // Errors as pages in Chinese: an unknown page, an expired form, a busy or failing service.
        app.UseExceptionHandler("/status/500");
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthorization();
        app.MapRazorPages();
        // 适老化: larger text and high contrast without JavaScript — a link sets the reader's choice in a cookie.
        app.MapGet("/display/{mode}", (string mode, string? back, HttpContext http) =>
        {
            http.Response.Cookies.Append(DisplayMode.Cookie, DisplayMode.Parse(mode), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
            return Results.LocalRedirect(back is { Length: > 0 } && back.StartsWith('/') && !back.StartsWith("//") ? back : "/");
        }).AllowAnonymous();
        return app;
    }
}

/// <summary>The reader's display choice: normal, 大字 (large) or 高对比 (contrast).</summary>
public static class DisplayMode
{
    public const string Cookie = "gongkai-display";

    public static string Parse(string? mode) => mode is "large" or "contrast" ? mode : "normal";

    public static string Of(HttpContext http) => Parse(http.Request.Cookies[Cookie]);
}
