using System.Diagnostics;
using Gongkai.Document.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Gongkai.Benchmarks.Letters.Chromium;

public sealed class PdfRenderingOptions
{
    /// <summary>Debian's chromium; Playwright never downloads a browser here.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Pages rendering at once. Parallel renders do not help on 2 cores; two keep one page busy while the other waits on I/O.</summary>
    public int Pages { get; set; } = 2;

    /// <summary>Give up on one render after this long (a hung browser is restarted for the next one).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The baseline the native renderers (PdfLetter, PdfReport) are measured against: HTML printed to PDF by one headless
/// Chromium, reused across renders, as Document printed its letters and reports before they were drawn natively.
/// </summary>
public sealed class PdfRenderer(IOptions<PdfRenderingOptions> options, ILogger<PdfRenderer> logger) : IAsyncDisposable
{
    private readonly PdfRenderingOptions _options = options.Value;
    private readonly SemaphoreSlim _launch = new(1, 1);
    private SemaphoreSlim? _slots;
    private readonly System.Collections.Concurrent.ConcurrentBag<IPage> _idle = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private bool _disposed;

    // Flags measured to work as root without a sandbox or GPU (infrastructure notes).
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--font-render-hinting=none",
    ];

    public async Task<byte[]> RenderAsync(string html, CancellationToken ct)
    {
        var browser = await BrowserAsync(ct);
        await _slots!.WaitAsync(ct);
        var stopwatch = Stopwatch.StartNew();
        IPage? page = null;
        var healthy = false;
        try
        {
            // Pages are reused: opening one costs more than printing a letter. SetContent replaces the whole document.
            page = _idle.TryTake(out var idle) && !idle.IsClosed && browser.IsConnected ? idle : await NewPageAsync(browser);
            await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
            await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
            var pdf = await page.PdfAsync(new PagePdfOptions
            {
                PreferCSSPageSize = true,
                PrintBackground = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = "<span></span>",
                // GB/T 9704 page numbers: 4号 digits between dashes, below the type area.
                FooterTemplate = "<div style=\"width:100%;text-align:center;font-size:14pt;font-family:'Noto Serif CJK SC',serif;margin-bottom:8mm\">— <span class=\"pageNumber\"></span> —</div>",
                // Tagged: screen readers get the reading order (Art. 43: help for applicants with visual impairments).
                Tagged = true,
            });
            healthy = true;
            logger.LogDebug("Rendered a PDF of {Bytes} bytes in {Milliseconds} ms", pdf.Length, stopwatch.ElapsedMilliseconds);
            return pdf;
        }
        catch (PlaywrightException ex) when (!browser.IsConnected)
        {
            throw new InvalidOperationException("Chromium stopped while rendering; the next render starts a new one.", ex);
        }
        finally
        {
            if (page is not null)
            {
                if (healthy)
                    _idle.Add(page);
                else
                    await ClosePageQuietlyAsync(page);
            }
            _slots.Release();
        }
    }

    private async Task<IPage> NewPageAsync(IBrowser browser)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN" });
        page.SetDefaultTimeout((float)_options.Timeout.TotalMilliseconds);
        // Everything is inline (styles, the seal as a data: URI): nothing may be fetched from anywhere.
        await page.RouteAsync("**/*", route => route.AbortAsync());
        return page;
    }

    private static async Task ClosePageQuietlyAsync(IPage page)
    {
        try { await page.CloseAsync(); } catch (PlaywrightException) { }
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } warm)
            return warm;
        await _launch.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { IsConnected: true } other)
                return other;
            if (_browser is not null)
            {
                logger.LogWarning("Chromium is gone; starting a new one");
                _idle.Clear();
            }
            if (!File.Exists(_options.ChromiumPath))
                throw new InvalidOperationException($"Chromium is not installed at {_options.ChromiumPath} (Debian package 'chromium'; ./build.sh installs it).");
            var stopwatch = Stopwatch.StartNew();
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = _options.ChromiumPath,
                Headless = true,
                Args = Flags,
                Timeout = (float)_options.Timeout.TotalMilliseconds,
            });
            _slots ??= new SemaphoreSlim(Math.Max(1, _options.Pages));
            logger.LogInformation("Chromium {Version} started for PDF rendering in {Milliseconds} ms", _browser.Version, stopwatch.ElapsedMilliseconds);
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _launch.WaitAsync();
        try
        {
            _disposed = true;
            if (_browser is not null)
                await _browser.CloseAsync();
            _playwright?.Dispose();
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Closing Chromium failed");
        }
        finally
        {
            _launch.Release();
        }
    }
}
