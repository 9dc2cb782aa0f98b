using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Portal.Pages;

/// <summary>
/// The online application (Art. 29): a plain form post with the identity proof as a file, checked by Intake, whose
/// problems come back at the field they belong to. On success the page itself is the receipt: the application number,
/// the query code (shown once, never put in a URL) and a QR code that opens tracking with the number filled in.
/// </summary>
public sealed class ApplyModel(PublicApis apis) : PageModel
{
    public sealed class ApplicationInput
    {
        public string? UnitCode { get; set; }
        public string ApplicantKind { get; set; } = "NaturalPerson";
        public string? ApplicantName { get; set; }
        public string? OrganisationCategory { get; set; }
        public string? CreditCode { get; set; }
        public string? ContactName { get; set; }
        public string? IdType { get; set; } = "ResidentIdCard";
        public string? IdNumber { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public string? Address { get; set; }
        public string? PostalCode { get; set; }
        public string? Description { get; set; }
        public string? DocumentNumber { get; set; }
        public string? Purpose { get; set; }
        public string? RequestedForm { get; set; } = "Electronic";
        public string? DeliveryRoute { get; set; } = "Online";
        public bool ByAgent { get; set; }
        public string? AgentName { get; set; }
        public string? AgentIdType { get; set; } = "ResidentIdCard";
        public string? AgentIdNumber { get; set; }
        public string? AgentPhone { get; set; }
        public IFormFile? IdentityProof { get; set; }
        public IFormFile? PowerOfAttorney { get; set; }
    }

    [BindProperty] public ApplicationInput Input { get; set; } = new();

    /// <summary>One key per opened form: submitting twice registers one application.</summary>
    [BindProperty] public string? SubmissionKey { get; set; }

    public IReadOnlyList<PublicApis.Unit> Units { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];
    public string? Problem { get; private set; }
    public PublicApis.Receipt? Receipt { get; private set; }
    public string? TrackingUrl { get; private set; }

    public async Task OnGetAsync(string? unit, CancellationToken ct)
    {
        Units = await apis.UnitsAsync(ct);
        Input.UnitCode = Units.Any(u => u.Code == unit) ? unit : null;
        SubmissionKey = Guid.NewGuid().ToString("N");
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        Units = await apis.UnitsAsync(ct);
        if (!Guid.TryParseExact(SubmissionKey, "N", out _))
            SubmissionKey = Guid.NewGuid().ToString("N");
        var files = new List<(string Field, IFormFile File, string Kind)>();
        if (Input.IdentityProof is { Length: > 0 } proof)
            files.Add(("identityProof", proof, "IdentityProof"));
        if (Input.ByAgent && Input.PowerOfAttorney is { Length: > 0 } attorney)
            files.Add(("powerOfAttorney", attorney, "PowerOfAttorney"));
        var tooLarge = files.FirstOrDefault(f => f.File.Length > ApplicationForm.MaxFileBytes);
        if (tooLarge.File is not null)
        {
            Errors[tooLarge.Field] = $"文件不能超过 {ApplicationForm.MaxFileBytes / 1024 / 1024} MB。";
            return;
        }

        var submission = await apis.ApplyAsync(await ApplicationForm.FromAsync(Input, files.Select(f => (f.File, f.Kind)).ToList(), ct), SubmissionKey, ct);
        if (submission.Receipt is { } receipt)
        {
            Receipt = receipt;
            TrackingUrl = $"{PublicBaseUrl()}/track?number={Uri.EscapeDataString(receipt.ApplicationNumber)}";
            return;
        }
        foreach (var (key, messages) in submission.Errors)
        {
            var field = ApplicationForm.FieldOf(key, files.Select(f => f.Field).ToList(), Input.ByAgent);
            Errors[field] = string.Join(" ", Errors.TryGetValue(field, out var earlier) ? [earlier, .. messages] : messages);
        }
        Problem = Errors.Count == 0 ? submission.Problem : null;
        if (Problem is not null)
            SubmissionKey = Guid.NewGuid().ToString("N"); // the key was used for other content: a fresh form is a new application
    }

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The address the citizen used (the gateway forwards its host and scheme), for the QR code.</summary>
    private string PublicBaseUrl() => $"{Request.Scheme}://{Request.Host}";
}
