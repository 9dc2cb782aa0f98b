using System.Text.Json;
using Gongkai.BuildingBlocks.Persistence;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Document.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gongkai.Document.Infrastructure;

public sealed class DocumentDbContext(DbContextOptions<DocumentDbContext> options, TenantContext tenant) : ServiceDbContext(options, tenant)
{
    /// <summary>One receipt per case, whichever path (CaseOpened or DocumentRequested) gets there first.</summary>
    public const string OneReceiptPerCaseIndex = "ux_issued_documents_one_receipt_per_case";

    /// <summary>One document per DocumentRequested, even when the request is delivered or published again.</summary>
    public const string OneDocumentPerRequestIndex = "ux_issued_documents_request";

    /// <summary>One number reserved per request, and one per case's receipt: a second attempt finds the first's.</summary>
    public const string OneReservationPerRequestIndex = "ux_number_reservations_request";

    public const string OneReservedReceiptPerCaseIndex = "ux_number_reservations_receipt";

    public DbSet<IssuedDocument> Documents => Set<IssuedDocument>();

    public DbSet<DocumentFile> Files => Set<DocumentFile>();

    public DbSet<UnitSettings> Settings => Set<UnitSettings>();

    public DbSet<TemplateVersion> TemplateVersions => Set<TemplateVersion>();

    public DbSet<NumberCounter> NumberCounters => Set<NumberCounter>();

    public DbSet<NumberReservation> NumberReservations => Set<NumberReservation>();

    public DbSet<DeliveryEvidence> DeliveryEvidence => Set<DeliveryEvidence>();

    public DbSet<SealedDossier> SealedDossiers => Set<SealedDossier>();

    public DbSet<DocumentRequest> Requests => Set<DocumentRequest>();

    public DbSet<DocumentRequestDue> RequestsDue => Set<DocumentRequestDue>();

    public DbSet<AnnualReportFile> AnnualReportFiles => Set<AnnualReportFile>();
    public DbSet<BulletinFile> BulletinFiles => Set<BulletinFile>();

    public DbSet<PublicAnnualReport> PublicAnnualReports => Set<PublicAnnualReport>();

    /// <summary>
    /// Serialises evidence uploads and the archive-time seal of one case inside the caller's transaction, so no
    /// evidence is accepted while (or after) the frozen dossier is built without it.
    /// </summary>
    public async Task LockCaseAsync(Guid caseId, CancellationToken ct)
    {
        if (Database.CurrentTransaction is null)
            throw new InvalidOperationException("The case lock must be taken inside a transaction.");
        var key = $"document-case:{caseId}";
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
    }

    /// <summary>
    /// Takes the next number of this unit's series (pattern and year) inside the caller's transaction: the upsert
    /// locks the counter row until commit, so concurrent issues queue up, and a rollback gives the number back.
    /// </summary>
    public async Task<int> NextNumberAsync(string pattern, int year, CancellationToken ct)
    {
        if (Database.CurrentTransaction is null)
            throw new InvalidOperationException("Numbering must run inside the issuing transaction.");
        var values = await Database.SqlQuery<int>($"""
            INSERT INTO number_counters (tenant_id, pattern, year, last_value) VALUES ({Tenant.Required}, {pattern}, {year}, 1)
            ON CONFLICT (tenant_id, pattern, year) DO UPDATE SET last_value = number_counters.last_value + 1
            RETURNING last_value AS "Value"
            """).ToListAsync(ct);
        return values.Single();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IssuedDocument>(b =>
        {
            b.ToTable("issued_documents");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.HasIndex(x => new { x.CaseId, x.Kind });
            b.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(60);
            b.Property(x => x.Title).HasColumnName("title").HasMaxLength(200);
            b.Property(x => x.IssuedAt).HasColumnName("issued_at");
            b.Property(x => x.TraceId).HasColumnName("trace_id").HasMaxLength(32);
            b.Property(x => x.RequestId).HasColumnName("request_id");
            b.HasIndex(x => new { x.TenantId, x.RequestId }).IsUnique().HasFilter("request_id IS NOT NULL").HasDatabaseName(OneDocumentPerRequestIndex);
            b.HasIndex(x => new { x.TenantId, x.CaseId }).IsUnique().HasFilter("kind = 'receipt'").HasDatabaseName(OneReceiptPerCaseIndex);
            b.Property(x => x.CaseNumber).HasColumnName("case_number").HasMaxLength(100);
            b.Property(x => x.DocumentNumber).HasColumnName("document_number").HasMaxLength(100);
            // A number is never given twice in a unit, whatever happens to patterns and counters.
            b.HasIndex(x => new { x.TenantId, x.DocumentNumber }).IsUnique().HasFilter("document_number IS NOT NULL");
            b.Property(x => x.NumberPattern).HasColumnName("number_pattern").HasMaxLength(100);
            b.Property(x => x.NumberYear).HasColumnName("number_year");
            b.Property(x => x.NumberSequence).HasColumnName("number_sequence");
            b.Property(x => x.TemplateKey).HasColumnName("template_key").HasMaxLength(100);
            b.Property(x => x.TemplateVersion).HasColumnName("template_version").HasMaxLength(40);
            b.Property(x => x.SettingsRevision).HasColumnName("settings_revision");
            b.Property(x => x.PdfSha256).HasColumnName("pdf_sha256").HasMaxLength(64);
            b.Property(x => x.DocxSha256).HasColumnName("docx_sha256").HasMaxLength(64);
        });
        modelBuilder.Entity<DocumentFile>(b =>
        {
            b.ToTable("document_files");
            b.HasKey(x => new { x.DocumentId, x.Format });
            b.Property(x => x.DocumentId).HasColumnName("document_id");
            b.HasOne<IssuedDocument>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
            b.Property(x => x.Format).HasColumnName("format").HasMaxLength(10);
            b.Property(x => x.MediaType).HasColumnName("media_type").HasMaxLength(100);
            b.Property(x => x.Content).HasColumnName("content");
            b.Property(x => x.Sha256).HasColumnName("sha256").HasMaxLength(64);
            b.Property(x => x.Length).HasColumnName("length");
        });
        modelBuilder.Entity<NumberCounter>(b =>
        {
            b.ToTable("number_counters");
            b.HasKey(x => new { x.TenantId, x.Pattern, x.Year });
            b.Property(x => x.Pattern).HasColumnName("pattern").HasMaxLength(100);
            b.Property(x => x.Year).HasColumnName("year");
            b.Property(x => x.LastValue).HasColumnName("last_value");
        });
        modelBuilder.Entity<NumberReservation>(b =>
        {
            b.ToTable("number_reservations");
            b.HasKey(x => x.DocumentId);
            b.Property(x => x.DocumentId).HasColumnName("document_id");
            b.Property(x => x.RequestId).HasColumnName("request_id");
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(60);
            b.Property(x => x.Pattern).HasColumnName("pattern").HasMaxLength(100);
            b.Property(x => x.Year).HasColumnName("year");
            b.Property(x => x.Sequence).HasColumnName("sequence");
            b.Property(x => x.Number).HasColumnName("number").HasMaxLength(100);
            b.Property(x => x.IssuedAt).HasColumnName("issued_at");
            // The same keys as the documents': a request, or a case's receipt, holds at most one number.
            b.HasIndex(x => new { x.TenantId, x.RequestId }).IsUnique().HasFilter("request_id IS NOT NULL").HasDatabaseName(OneReservationPerRequestIndex);
            b.HasIndex(x => new { x.TenantId, x.CaseId }).IsUnique().HasFilter("kind = 'receipt'").HasDatabaseName(OneReservedReceiptPerCaseIndex);
            b.HasIndex(x => new { x.TenantId, x.Number }).IsUnique();
        });
        modelBuilder.Entity<UnitSettings>(b =>
        {
            b.ToTable("unit_settings");
            b.HasKey(x => x.TenantId);
            b.Property(x => x.UnitFullName).HasColumnName("unit_full_name").HasMaxLength(100);
            b.Property(x => x.IdentityUnitName).HasColumnName("identity_unit_name").HasMaxLength(100);
            b.Property(x => x.Contact).HasColumnName("contact").HasMaxLength(200);
            b.Property(x => x.ReconsiderationDays).HasColumnName("reconsideration_days");
            b.Property(x => x.LitigationMonths).HasColumnName("litigation_months");
            b.Property(x => x.ReconsiderationBody).HasColumnName("reconsideration_body").HasMaxLength(100);
            b.Property(x => x.PaymentMethod).HasColumnName("payment_method").HasMaxLength(300);
            b.Property(x => x.NumberPatterns).HasColumnName("number_patterns").HasColumnType("jsonb")
                .HasConversion(
                    v => JsonSerializer.Serialize(v, JsonOptions),
                    s => JsonSerializer.Deserialize<Dictionary<string, string>>(s, JsonOptions) ?? new Dictionary<string, string>(),
                    DictionaryComparer);
            b.Property(x => x.SealPng).HasColumnName("seal_png");
            b.Property(x => x.SealSha256).HasColumnName("seal_sha256").HasMaxLength(64);
            b.Property(x => x.Revision).HasColumnName("revision").IsConcurrencyToken();
            b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            b.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(100);
        });
        modelBuilder.Entity<TemplateVersion>(b =>
        {
            b.ToTable("template_versions");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            b.Property(x => x.TemplateKey).HasColumnName("template_key").HasMaxLength(100);
            b.Property(x => x.Version).HasColumnName("version");
            b.HasIndex(x => new { x.TenantId, x.TemplateKey, x.Version }).IsUnique();
            b.Property(x => x.Title).HasColumnName("title").HasMaxLength(100);
            b.Property(x => x.Paragraphs).HasColumnName("paragraphs");
            b.Property(x => x.IsReset).HasColumnName("is_reset");
            b.Property(x => x.CreatedAt).HasColumnName("created_at");
            b.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
        });
        modelBuilder.Entity<DeliveryEvidence>(b =>
        {
            b.ToTable("delivery_evidence");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.HasIndex(x => new { x.TenantId, x.CaseId });
            b.Property(x => x.FileName).HasColumnName("file_name").HasMaxLength(200);
            b.Property(x => x.ContentType).HasColumnName("content_type").HasMaxLength(100);
            b.Property(x => x.Content).HasColumnName("content");
            b.Property(x => x.Sha256).HasColumnName("sha256").HasMaxLength(64);
            b.Property(x => x.Length).HasColumnName("length");
            b.Property(x => x.Note).HasColumnName("note").HasMaxLength(EvidenceRules.MaxNoteLength);
            b.Property(x => x.UploadedAt).HasColumnName("uploaded_at");
            b.Property(x => x.UploadedBy).HasColumnName("uploaded_by").HasMaxLength(100);
        });
        modelBuilder.Entity<SealedDossier>(b =>
        {
            b.ToTable("sealed_dossiers");
            b.HasKey(x => new { x.TenantId, x.CaseId });
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.Property(x => x.CaseNumber).HasColumnName("case_number").HasMaxLength(100);
            b.Property(x => x.Zip).HasColumnName("zip");
            b.Property(x => x.Sha256).HasColumnName("sha256").HasMaxLength(64);
            b.Property(x => x.Length).HasColumnName("length");
            b.Property(x => x.Catalogue).HasColumnName("catalogue").HasColumnType("jsonb");
            b.Property(x => x.SealedAt).HasColumnName("sealed_at");
            b.Property(x => x.MessageId).HasColumnName("message_id");
        });
        modelBuilder.Entity<DocumentRequest>(b =>
        {
            b.ToTable("document_requests");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.Property(x => x.ApplicationId).HasColumnName("application_id");
            b.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(60);
            b.Property(x => x.CaseNumber).HasColumnName("case_number").HasMaxLength(100);
            b.Property(x => x.ApplicantName).HasColumnName("applicant_name");
            b.Property(x => x.ReceivedOn).HasColumnName("received_on");
            b.Property(x => x.Fields).HasColumnName("fields").HasColumnType("jsonb")
                .HasConversion(
                    v => JsonSerializer.Serialize(v, JsonOptions),
                    s => JsonSerializer.Deserialize<Dictionary<string, string>>(s, JsonOptions),
                    DictionaryComparer);
            b.Property(x => x.RequestedAt).HasColumnName("requested_at");
            b.Property(x => x.State).HasColumnName("state").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.Attempts).HasColumnName("attempts");
            b.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(500);
            b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            b.HasIndex(x => new { x.TenantId, x.State, x.RequestedAt });
            b.HasIndex(x => new { x.TenantId, x.CaseId });
        });
        modelBuilder.Entity<DocumentRequestDue>(b =>
        {
            b.ToTable("document_requests_due");
            b.HasKey(x => x.RequestId);
            b.Property(x => x.RequestId).HasColumnName("request_id").ValueGeneratedNever();
            b.Property(x => x.TenantId).HasColumnName("tenant_id").HasMaxLength(64);
            b.Property(x => x.DueAt).HasColumnName("due_at");
            b.HasIndex(x => x.DueAt);
        });
        modelBuilder.Entity<AnnualReportFile>(b =>
        {
            b.ToTable("annual_report_files");
            b.HasKey(x => new { x.ReportId, x.Version });
            b.Property(x => x.ReportId).HasColumnName("report_id");
            b.Property(x => x.Version).HasColumnName("version");
            b.Property(x => x.Year).HasColumnName("year");
            b.Property(x => x.Title).HasColumnName("title").HasMaxLength(AnnualReportFile.MaxTitleLength);
            b.Property(x => x.Pdf).HasColumnName("pdf");
            b.Property(x => x.PdfSha256).HasColumnName("pdf_sha256").HasMaxLength(64);
            b.Property(x => x.PdfLength).HasColumnName("pdf_length");
            b.Property(x => x.Docx).HasColumnName("docx");
            b.Property(x => x.DocxSha256).HasColumnName("docx_sha256").HasMaxLength(64);
            b.Property(x => x.DocxLength).HasColumnName("docx_length");
            b.Property(x => x.RenderedAt).HasColumnName("rendered_at");
            b.HasIndex(x => new { x.TenantId, x.Year });
        });
        modelBuilder.Entity<BulletinFile>(b =>
        {
            b.ToTable("bulletin_files");
            b.HasKey(x => x.BulletinId);
            b.Property(x => x.BulletinId).HasColumnName("bulletin_id");
            b.Property(x => x.Number).HasColumnName("number").HasMaxLength(100);
            b.Property(x => x.Title).HasColumnName("title").HasMaxLength(AnnualReportFile.MaxTitleLength);
            b.Property(x => x.Pdf).HasColumnName("pdf");
            b.Property(x => x.PdfSha256).HasColumnName("pdf_sha256").HasMaxLength(64);
            b.Property(x => x.Docx).HasColumnName("docx");
            b.Property(x => x.DocxSha256).HasColumnName("docx_sha256").HasMaxLength(64);
            b.Property(x => x.RenderedAt).HasColumnName("rendered_at");
        });
        modelBuilder.Entity<PublicAnnualReport>(b =>
        {
            b.ToTable("public_annual_reports");
            b.HasKey(x => new { x.ReportId, x.Version });
            b.Property(x => x.ReportId).HasColumnName("report_id");
            b.Property(x => x.Version).HasColumnName("version");
            b.Property(x => x.UnitCode).HasColumnName("unit_code").HasMaxLength(64);
        });
        base.OnModelCreating(modelBuilder);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static readonly ValueComparer<Dictionary<string, string>> DictionaryComparer = new(
        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
        v => v.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
        v => new Dictionary<string, string>(v));
}

public sealed class DocumentDbContextFactory : DesignTimeDbContextFactory<DocumentDbContext>;
