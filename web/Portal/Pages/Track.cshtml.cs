using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Portal.Pages;

/// <summary>
/// Tracking with the application number and query code (a form post, so the code never sits in a URL or a log). A wrong
/// number and a wrong code get the same answer.
/// </summary>
public sealed class TrackModel(PublicApis apis) : PageModel
{
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Code { get; set; }

    public Dictionary<string, string> Errors { get; } = [];
    public bool NoSuchApplication { get; private set; }
    public PublicApis.Tracking? Result { get; private set; }
    public bool ReplyUnavailable { get; private set; }

    /// <summary>The receipt's QR code opens this page with the number filled in; the code is typed by the applicant.</summary>
    public void OnGet(string? number) => Number = number is { Length: <= 64 } ? number : null;

    public async Task OnPostAsync(CancellationToken ct)
    {
        if (!Valid())
            return;
        Result = await apis.TrackAsync(Number!, Code!, ct);
        NoSuchApplication = Result is null;
    }

    public async Task<IActionResult> OnPostReplyAsync(CancellationToken ct)
    {
        if (!Valid())
            return Page();
        byte[]? pdf = null;
        try
        {
            pdf = await apis.ReplyAsync(Number!, Code!, ct);
        }
        catch (HttpRequestException)
        {
            // Document is unavailable: the page still shows the progress, and says why there is no file.
        }
        if (pdf is not null)
            return File(pdf, "application/pdf", $"{Number!.Trim()}-答复书.pdf");
        Result = await apis.TrackAsync(Number!, Code!, ct);
        NoSuchApplication = Result is null;
        ReplyUnavailable = Result is not null;
        return Page();
    }

    private bool Valid()
    {
        if (string.IsNullOrWhiteSpace(Number) || Number.Length > 64)
            Errors["Number"] = "请输入申请编号。";
        if (string.IsNullOrWhiteSpace(Code) || Code.Length > 32)
            Errors["Code"] = "请输入查询码。";
        return Errors.Count == 0;
    }
}
