using System.Text.Json;
using System.Text.Json.Serialization;
using Gongkai.BuildingBlocks.Persistence;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Publishing.Domain;
using Gongkai.Publishing.Domain.AnnualReports;
using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.Publishing.Domain.Conversion;
using Gongkai.Publishing.Domain.Guide;
using Gongkai.Publishing.Domain.Standard;
using Gongkai.Publishing.Domain.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Infrastructure;

public sealed class PublishingDbContext(DbContextOptions<PublishingDbContext> options, TenantContext tenant) : ServiceDbContext(options, tenant)
{
    public const string OneIndexNumberPerUnitIndex = "ux_information_items_index_number";

    /// <summary>Snapshots and schemes are stored as readable JSON: enum names, not numbers.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    // The annual report: applications as it counts them, reconsiderations and lawsuits, the report's versions, and the published copies.
    public DbSet<ReportedCase> ReportedCases => Set<ReportedCase>();
    public DbSet<Appeal> Appeals => Set<Appeal>();
    public DbSet<AnnualReport> AnnualReports => Set<AnnualReport>();

    /// <summary>Published annual reports (not tenant-owned; see <see cref="PublicAnnualReport"/> for why).</summary>
    public DbSet<PublicAnnualReport> PublicAnnualReports => Set<PublicAnnualReport>();
    public DbSet<InformationItem> Items => Set<InformationItem>();
    public DbSet<ItemVersion> ItemVersions => Set<ItemVersion>();
    public DbSet<ValidityChange> ValidityChanges => Set<ValidityChange>();
    public DbSet<ItemAttachment> Attachments => Set<ItemAttachment>();

    /// <summary>Attachment bytes, when the database store keeps them (apart from the metadata, so lists never load them).</summary>
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();
    public DbSet<PublishingSettings> Settings => Set<PublishingSettings>();
    public DbSet<PublicationAlert> Alerts => Set<PublicationAlert>();
    public DbSet<ItemReReview> ReReviews => Set<ItemReReview>();
    public DbSet<ConversionSuggestion> Conversions => Set<ConversionSuggestion>();

    /// <summary>The units the deadline scan visits (not tenant-owned: unit codes only).</summary>
    public DbSet<CatalogueUnit> CatalogueUnits => Set<CatalogueUnit>();

    /// <summary>The public catalogue (not tenant-owned; see <see cref="PublicItem"/> for why).</summary>
    public DbSet<PublicItem> PublicItems => Set<PublicItem>();

    // The standard catalogue (政务公开事项标准目录): the unit's working copy, its domain exemptions and its adoption.
    public DbSet<Obligation> Obligations => Set<Obligation>();
    public DbSet<DomainExemption> DomainExemptions => Set<DomainExemption>();
    public DbSet<CatalogueAdoption> Adoptions => Set<CatalogueAdoption>();

    /// <summary>Published versions of standard catalogues (not tenant-owned; see <see cref="PublishedCatalogue"/> for why).</summary>
    public DbSet<PublishedCatalogue> PublishedCatalogues => Set<PublishedCatalogue>();

    /// <summary>Every saved version of the unit's 政府信息公开指南.</summary>
    public DbSet<GuideVersion> GuideVersions => Set<GuideVersion>();

    /// <summary>The guide in force per unit, for anonymous readers (not tenant-owned; see <see cref="PublicGuide"/> for why).</summary>
    public DbSet<PublicGuide> PublicGuides => Set<PublicGuide>();

    // The district's supervision (SupervisionModel).
    public DbSet<SupervisedCase> SupervisedCases => Set<SupervisedCase>();
    public DbSet<SupervisionSettings> SupervisionSettings => Set<SupervisionSettings>();
    public DbSet<Bulletin> Bulletins => Set<Bulletin>();
    public DbSet<BulletinStanding> BulletinStandings => Set<BulletinStanding>();
    public DbSet<PublicHeatMap> PublicHeatMaps => Set<PublicHeatMap>();
    public DbSet<SpotCheck> SpotChecks => Set<SpotCheck>();
    public DbSet<SpotCheckItem> SpotCheckItems => Set<SpotCheckItem>();

    /// <summary>
    /// Takes the next serial of the unit's 索引号 series inside the caller's transaction: the upsert locks the counter row
    /// until commit, so concurrent publications of one series queue up and get consecutive serials, and a rollback gives
    /// the serial back (no gaps). Other series are not blocked.
    /// </summary>
    public async Task<long> NextIndexSerialAsync(string seriesKey, CancellationToken ct)
    {
        if (Database.CurrentTransaction is null)
            throw new InvalidOperationException("Index numbers are drawn inside the publishing transaction.");
        var values = await Database.SqlQuery<long>($"""
            INSERT INTO index_number_counters (tenant_id, series_key, last_value) VALUES ({Tenant.Required}, {seriesKey}, 1)
            ON CONFLICT (tenant_id, series_key) DO UPDATE SET last_value = index_number_counters.last_value + 1
            RETURNING last_value AS "Value"
            """).ToListAsync(ct);
        return values.Single();
    }

    /// <summary>
    /// Locks, until the caller's transaction ends, the row of the policy that <paramref name="itemId"/> interprets (the item
    /// itself when it interprets nothing). Every decision that ties an interpretation to its policy's publication takes
    /// this lock first, so an interpretation approved while its policy is being published either sees the policy published
    /// or is seen waiting by the policy's publication, never neither.
    /// </summary>
    public async Task LockPolicyOfAsync(Guid itemId, CancellationToken ct)
    {
        if (Database.CurrentTransaction is null)
            throw new InvalidOperationException("The policy's row is locked inside the caller's transaction.");
        await Database.SqlQuery<Guid>($"""
            SELECT id AS "Value" FROM information_items
            WHERE id = (SELECT coalesce(interprets_id, id) FROM information_items WHERE id = {itemId})
            FOR UPDATE
            """).ToListAsync(ct);
    }

    /// <summary>Makes the unit known to the deadline scan (idempotent, and harmless if the caller's save then fails).</summary>
    public Task RegisterCatalogueUnitAsync(DateTimeOffset now, CancellationToken ct) => Database.ExecuteSqlAsync(
        $"INSERT INTO catalogue_units (tenant_id, first_seen_at) VALUES ({Tenant.Required}, {now}) ON CONFLICT (tenant_id) DO NOTHING", ct);

    /// <summary>
    /// Serialises the unit's conversion suggestions until the caller's transaction ends: two flags for the same
    /// information consumed at once would otherwise both find no open suggestion and open two.
    /// </summary>
    public async Task LockConversionsAsync(CancellationToken ct)
    {
        if (Database.CurrentTransaction is null)
            throw new InvalidOperationException("The conversion lock is taken inside a transaction.");
        var key = "publishing-conversions:" + Tenant.Required;
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
    }

    public async Task<PublishingSettings> SettingsOrDefaultAsync(CancellationToken ct) =>
        await Settings.SingleOrDefaultAsync(ct) ?? new PublishingSettings { TenantId = Tenant.Required };

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReportedCase>(b =>
        {
            b.ToTable("report_cases");
            b.HasKey(x => x.CaseId);
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.Property(x => x.CaseNumber).HasColumnName("case_number").HasMaxLength(64);
            // An imported number may not repeat a number the unit already has.
            b.HasIndex(x => new { x.TenantId, x.CaseNumber }).IsUnique();
            b.Property(x => x.ApplicantCategory).HasColumnName("applicant_category").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.Revision).HasColumnName("revision");
            b.Property(x => x.Handlings).HasColumnName("handlings").HasColumnType("jsonb").HasConversion(
                h => JsonSerializer.Serialize(h, Json), s => JsonSerializer.Deserialize<List<CountedHandling>>(s, Json)!,
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<CountedHandling>>(
                    (l, r) => l!.SequenceEqual(r!), h => h.Count, h => h.ToList()));
            b.Property(x => x.Fee).HasColumnName("fee").HasColumnType("jsonb").HasConversion(
                f => f == null ? null : JsonSerializer.Serialize(f, Json), s => s == null ? null : JsonSerializer.Deserialize<CountedFee>(s, Json));
            b.Property(x => x.Imported).HasColumnName("imported");
            b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<Appeal>(b =>
        {
            b.ToTable("appeals");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.HasIndex(x => new { x.TenantId, x.CaseId });
            b.Property(x => x.CaseNumber).HasColumnName("case_number").HasMaxLength(64);
            b.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.Body).HasColumnName("body").HasMaxLength(Appeal.MaxTextLength);
            b.Property(x => x.FiledOn).HasColumnName("filed_on");
            b.Property(x => x.FilingNumber).HasColumnName("filing_number").HasMaxLength(Appeal.MaxTextLength);
            b.Property(x => x.Outcome).HasColumnName("outcome").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.DecidedOn).HasColumnName("decided_on");
            b.Property(x => x.DecisionNumber).HasColumnName("decision_number").HasMaxLength(Appeal.MaxTextLength);
            b.Property(x => x.DecisionSummary).HasColumnName("decision_summary").HasMaxLength(2000);
            b.Property(x => x.OrdersNewReply).HasColumnName("orders_new_reply");
            b.Property(x => x.RulingReceivedOn).HasColumnName("ruling_received_on");
            b.Property(x => x.Imported).HasColumnName("imported");
            b.Property(x => x.CreatedAt).HasColumnName("created_at");
            b.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
            b.Property(x => x.DecidedAt).HasColumnName("decided_at");
            b.Property(x => x.DecidedBy).HasColumnName("decided_by").HasMaxLength(100);
        });

        modelBuilder.Entity<AnnualReport>(b =>
        {
            b.ToTable("annual_reports");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.Year).HasColumnName("year");
            b.Property(x => x.Version).HasColumnName("version");
            // One version number per unit and year: two corrections at once collide here.
            b.HasIndex(x => new { x.TenantId, x.Year, x.Version }).IsUnique();
            b.Property(x => x.State).HasColumnName("state").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.Proactive).HasColumnName("proactive").HasColumnType("jsonb").HasConversion(
                t => JsonSerializer.Serialize(t, Json), s => JsonSerializer.Deserialize<ProactiveTable>(s, Json)!);
            b.Property(x => x.Sections).HasColumnName("sections").HasColumnType("jsonb").HasConversion(
                t => JsonSerializer.Serialize(t, Json), s => JsonSerializer.Deserialize<ReportSections>(s, Json)!);
            b.Property(x => x.CorrectionReason).HasColumnName("correction_reason").HasMaxLength(2000);
            b.Property(x => x.Submitted).HasColumnName("submitted").HasColumnType("jsonb").HasConversion(
                c => c == null ? null : JsonSerializer.Serialize(c, Json), s => s == null ? null : JsonSerializer.Deserialize<ReportContent>(s, Json));
            b.Property(x => x.Checks).HasColumnName("checks").HasColumnType("jsonb").HasConversion(
                c => JsonSerializer.Serialize(c, Json), s => JsonSerializer.Deserialize<List<ReportCheck>>(s, Json)!,
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<ReportCheck>>(
                    (l, r) => l!.SequenceEqual(r!), c => c.Count, c => c.ToList()));
            b.Property(x => x.OverrideReason).HasColumnName("override_reason").HasMaxLength(2000);
            b.Property(x => x.ReviewRound).HasColumnName("review_round");
            b.Property(x => x.ReturnReasons).HasColumnName("return_reasons").HasMaxLength(2000);
            b.Property(x => x.Number).HasColumnName("number").HasMaxLength(100);
            b.Property(x => x.Sha256).HasColumnName("sha256").HasMaxLength(64);
            b.Property(x => x.PublishedOn).HasColumnName("published_on");
            b.Property(x => x.PublishedAt).HasColumnName("published_at");
            b.Property(x => x.ApprovedBy).HasColumnName("approved_by").HasMaxLength(100);
            b.Property(x => x.PdfSha256).HasColumnName("pdf_sha256").HasMaxLength(64);
            b.Property(x => x.DocxSha256).HasColumnName("docx_sha256").HasMaxLength(64);
            b.Property(x => x.CreatedAt).HasColumnName("created_at");
            b.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
            b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            b.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(100);
            b.Property(x => x.RowVersion).IsRowVersion();
        });

        modelBuilder.Entity<PublicAnnualReport>(b =>
        {
            b.ToTable("public_annual_reports");
            b.HasKey(x => x.ReportId);
            b.Property(x => x.ReportId).HasColumnName("report_id");
            b.Property(x => x.UnitCode).HasColumnName("unit_code").HasMaxLength(64);
            b.HasIndex(x => new { x.UnitCode, x.Year, x.Version }).IsUnique();
            b.Property(x => x.ParentUnitCode).HasColumnName("parent_unit_code").HasMaxLength(64);
            b.HasIndex(x => new { x.ParentUnitCode, x.Year });
            b.Property(x => x.UnitName).HasColumnName("unit_name").HasMaxLength(200);
            b.Property(x => x.Year).HasColumnName("year");
            b.Property(x => x.Version).HasColumnName("version");
            b.Property(x => x.Number).HasColumnName("number").HasMaxLength(100);
            b.Property(x => x.PublishedOn).HasColumnName("published_on");
            b.Property(x => x.PublishedAt).HasColumnName("published_at");
            b.Property(x => x.Sha256).HasColumnName("sha256").HasMaxLength(64);
            b.Property(x => x.CorrectionReason).HasColumnName("correction_reason").HasMaxLength(2000);
            b.Property(x => x.Superseded).HasColumnName("superseded");
            b.Property(x => x.Content).HasColumnName("content").HasColumnType("jsonb").HasConversion(
                c => JsonSerializer.Serialize(c, Json), s => JsonSerializer.Deserialize<ReportContent>(s, Json)!);
            b.Property(x => x.Rendered).HasColumnName("rendered");
        });

        modelBuilder.Entity<InformationItem>(b =>
        {
            b.ToTable("information_items");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.State).HasColumnName("state").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.Title).HasColumnName("title").HasMaxLength(ItemInput.MaxTitle);
            b.Property(x => x.Summary).HasColumnName("summary").HasMaxLength(ItemInput.MaxSummary);
            b.Property(x => x.SubjectCode).HasColumnName("subject_code").HasMaxLength(8);
            b.Property(x => x.Genre).HasColumnName("genre").HasConversion<string>().HasMaxLength(30);
            b.Property(x => x.Publisher).HasColumnName("publisher").HasMaxLength(ItemInput.MaxPublisher);
            b.Property(x => x.WrittenOn).HasColumnName("written_on");
            b.Property(x => x.DocumentNumber).HasColumnName("document_number").HasMaxLength(ItemInput.MaxDocumentNumber);
            b.Property(x => x.Mode).HasColumnName("mode").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.NotPublicReason).HasColumnName("not_public_reason").HasMaxLength(500);
            b.Property(x => x.NotPublicArticle).HasColumnName("not_public_article").HasMaxLength(100);
            b.Property(x => x.Scope).HasColumnName("scope").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.DomainCode).HasColumnName("domain_code").HasMaxLength(4);
            b.Property(x => x.BodyHtml).HasColumnName("body_html");
            b.Property(x => x.Keywords).HasColumnName("keywords");
            b.Property(x => x.ObligationId).HasColumnName("obligation_id");
            // Coverage counts the items of each obligation.
            b.HasIndex(x => new { x.TenantId, x.ObligationId }).HasFilter("obligation_id IS NOT NULL");
            b.Property(x => x.InterpretsId).HasColumnName("interprets_id");
            // A policy's interpretations: submitted, published and withdrawn with it, listed beside it.
            b.HasIndex(x => new { x.TenantId, x.InterpretsId }).HasFilter("interprets_id IS NOT NULL");
            b.Property(x => x.HeldApprovedBy).HasColumnName("held_approved_by").HasMaxLength(100);
            b.Property(x => x.Validity).HasColumnName("validity").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.ValidityChangedOn).HasColumnName("validity_changed_on");
            b.Property(x => x.Version).HasColumnName("version");
            b.Property(x => x.FormedOrChangedOn).HasColumnName("formed_or_changed_on");
            b.Property(x => x.DueOn).HasColumnName("due_on");
            b.Property(x => x.IndexNumber).HasColumnName("index_number").HasMaxLength(IndexNumberScheme.MaxLength + 8);
            // A number is given once in a unit, whatever happens to schemes and counters.
            b.HasIndex(x => new { x.TenantId, x.IndexNumber }).IsUnique().HasFilter("index_number IS NOT NULL").HasDatabaseName(OneIndexNumberPerUnitIndex);
            b.Property(x => x.FirstPublishedOn).HasColumnName("first_published_on");
            b.Property(x => x.PublishedOn).HasColumnName("published_on");
            b.Property(x => x.PublishedVersion).HasColumnName("published_version");
            b.Property(x => x.ReviewRound).HasColumnName("review_round");
            b.Property(x => x.ReturnReasons).HasColumnName("return_reasons").HasMaxLength(2000);
            b.Property(x => x.WithdrawnReason).HasColumnName("withdrawn_reason").HasMaxLength(500);
            b.Property(x => x.WithdrawnBy).HasColumnName("withdrawn_by").HasMaxLength(100);
            b.Property(x => x.WithdrawnAt).HasColumnName("withdrawn_at");
            b.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
            b.Property(x => x.CreatedAt).HasColumnName("created_at");
            b.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(100);
            b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            b.Property(x => x.Revision).HasColumnName("revision").IsConcurrencyToken();
            // The staff list: the unit's items by state, and the overdue filter.
            b.HasIndex(x => new { x.TenantId, x.State, x.DueOn });
            b.Property(x => x.ConvertedFrom).HasColumnName("converted_from").HasColumnType("jsonb").HasConversion(
                c => c == null ? null : JsonSerializer.Serialize(c, Json),
                s => s == null ? null : JsonSerializer.Deserialize<ConversionOrigin>(s, Json));
            b.Property(x => x.ReReviewFrom).HasColumnName("re_review_from");
            b.Property(x => x.LastReReviewedOn).HasColumnName("last_re_reviewed_on");
            b.Property(x => x.BecameProactiveOn).HasColumnName("became_proactive_on");
            // The re-review due list: non-public items whose marking counts from on or before a date.
            b.HasIndex(x => new { x.TenantId, x.ReReviewFrom }).HasFilter("re_review_from IS NOT NULL");
        });

        modelBuilder.Entity<ItemReReview>(b =>
        {
            b.ToTable("item_re_reviews");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.ItemId).HasColumnName("item_id");
            b.HasIndex(x => x.ItemId);
            b.Property(x => x.Outcome).HasColumnName("outcome").HasConversion<string>().HasMaxLength(30);
            b.Property(x => x.ModeBefore).HasColumnName("mode_before").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.ModeAfter).HasColumnName("mode_after").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.NotPublicReason).HasColumnName("not_public_reason").HasMaxLength(500);
            b.Property(x => x.NotPublicArticle).HasColumnName("not_public_article").HasMaxLength(100);
            b.Property(x => x.Note).HasColumnName("note").HasMaxLength(1000);
            b.Property(x => x.ReviewedOn).HasColumnName("reviewed_on");
            b.Property(x => x.ReviewedBy).HasColumnName("reviewed_by").HasMaxLength(100);
            b.Property(x => x.ReviewedAt).HasColumnName("reviewed_at");
        });

        modelBuilder.Entity<ConversionSuggestion>(b =>
        {
            b.ToTable("conversion_suggestions");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.Source).HasColumnName("source").HasConversion<string>().HasMaxLength(30);
            b.Property(x => x.State).HasColumnName("state").HasConversion<string>().HasMaxLength(20);
            b.HasIndex(x => new { x.TenantId, x.State, x.RaisedAt });
            b.Property(x => x.ApplicationNumbers).HasColumnName("application_numbers").HasColumnType("text[]");
            // A flag finds the open suggestion it joins by overlap (&&) with its application numbers.
            b.HasIndex(x => x.ApplicationNumbers).HasMethod("gin");
            b.Property(x => x.Similarity).HasColumnName("similarity");
            b.Property(x => x.Basis).HasColumnName("basis").HasMaxLength(200);
            b.Property(x => x.Note).HasColumnName("note").HasMaxLength(ConversionSuggestion.MaxNote);
            b.Property(x => x.PreviousId).HasColumnName("previous_id");
            b.Property(x => x.RaisedBy).HasColumnName("raised_by").HasMaxLength(100);
            b.Property(x => x.RaisedAt).HasColumnName("raised_at");
            b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            b.Property(x => x.DecidedBy).HasColumnName("decided_by").HasMaxLength(100);
            b.Property(x => x.DecidedAt).HasColumnName("decided_at");
            b.Property(x => x.DeclineReason).HasColumnName("decline_reason").HasMaxLength(ConversionSuggestion.MaxReason);
            b.Property(x => x.ItemId).HasColumnName("item_id");
            b.Property(x => x.Revision).HasColumnName("revision").IsConcurrencyToken();
        });

        modelBuilder.Entity<ItemVersion>(b =>
        {
            b.ToTable("item_versions");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.ItemId).HasColumnName("item_id");
            b.Property(x => x.Version).HasColumnName("version");
            b.HasIndex(x => new { x.ItemId, x.Version }).IsUnique();
            b.Property(x => x.IndexNumber).HasColumnName("index_number").HasMaxLength(IndexNumberScheme.MaxLength + 8);
            b.Property(x => x.Content).HasColumnName("content").HasColumnType("jsonb").HasConversion(
                c => JsonSerializer.Serialize(c, Json), s => JsonSerializer.Deserialize<ItemContent>(s, Json)!);
            b.Property(x => x.FormedOrChangedOn).HasColumnName("formed_or_changed_on");
            b.Property(x => x.DueOn).HasColumnName("due_on");
            b.Property(x => x.PublishedOn).HasColumnName("published_on");
            b.Property(x => x.PublishedAt).HasColumnName("published_at");
            b.Property(x => x.ApprovedBy).HasColumnName("approved_by").HasMaxLength(100);
        });

        modelBuilder.Entity<ItemAttachment>(b =>
        {
            b.ToTable("item_attachments");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.ItemId).HasColumnName("item_id");
            b.HasIndex(x => x.ItemId);
            b.Property(x => x.FileName).HasColumnName("file_name").HasMaxLength(AttachmentFileName.MaxLength);
            b.Property(x => x.Type).HasColumnName("type").HasConversion<string>().HasMaxLength(10);
            b.Property(x => x.SizeBytes).HasColumnName("size_bytes");
            b.Property(x => x.Sha256).HasColumnName("sha256").HasMaxLength(64).IsFixedLength();
            b.Property(x => x.AddedInVersion).HasColumnName("added_in_version");
            b.Property(x => x.RemovedInVersion).HasColumnName("removed_in_version");
            b.Property(x => x.AddedBy).HasColumnName("added_by").HasMaxLength(100);
            b.Property(x => x.AddedAt).HasColumnName("added_at");
        });

        modelBuilder.Entity<AttachmentContent>(b =>
        {
            b.ToTable("item_attachment_contents");
            b.HasKey(x => x.AttachmentId);
            b.Property(x => x.AttachmentId).HasColumnName("attachment_id");
            b.Property(x => x.Content).HasColumnName("content");
            b.HasOne<ItemAttachment>().WithOne().HasForeignKey<AttachmentContent>(x => x.AttachmentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ValidityChange>(b =>
        {
            b.ToTable("validity_changes");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.ItemId).HasColumnName("item_id");
            b.HasIndex(x => x.ItemId);
            b.Property(x => x.From).HasColumnName("from_validity").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.To).HasColumnName("to_validity").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.On).HasColumnName("changed_on");
            b.Property(x => x.ChangedBy).HasColumnName("changed_by").HasMaxLength(100);
            b.Property(x => x.ChangedAt).HasColumnName("changed_at");
        });

        modelBuilder.Entity<PublishingSettings>(b =>
        {
            b.ToTable("publishing_settings");
            b.HasKey(x => x.TenantId);
            b.Property(x => x.IndexScheme).HasColumnName("index_scheme").HasColumnType("jsonb").HasConversion(
                s => s == null ? null : JsonSerializer.Serialize(s, Json),
                s => s == null ? null : JsonSerializer.Deserialize<IndexNumberScheme>(s, Json));
            b.Property(x => x.PublicationWorkingDays).HasColumnName("publication_working_days");
            b.Property(x => x.DueSoonWorkingDays).HasColumnName("due_soon_working_days");
            b.Property(x => x.PromptWorkingDays).HasColumnName("prompt_working_days");
            b.Property(x => x.NonPublicReReviewMonths).HasColumnName("non_public_re_review_months").HasDefaultValue(NonPublicReReview.DefaultMonths);
            b.Property(x => x.InterpretationRequiredFor).HasColumnName("interpretation_required_for").HasColumnType("jsonb").HasConversion(
                g => g == null ? null : JsonSerializer.Serialize(g, Json),
                s => s == null ? null : JsonSerializer.Deserialize<List<Genre>>(s, Json),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<Genre>?>(
                    (l, r) => l == null ? r == null : r != null && l.SequenceEqual(r), g => g == null ? 0 : g.Count, g => g == null ? null : g.ToList()));
            b.Property(x => x.ParentUnitCode).HasColumnName("parent_unit_code").HasMaxLength(64);
            b.Property(x => x.UnitName).HasColumnName("unit_name").HasMaxLength(200);
            b.Property(x => x.UnitCheckedAt).HasColumnName("unit_checked_at");
            b.Property(x => x.UnitKind).HasColumnName("unit_kind").HasMaxLength(20);
            b.Property(x => x.ReportDueMonth).HasColumnName("report_due_month");
            b.Property(x => x.ReportDueDay).HasColumnName("report_due_day");
            b.Property(x => x.ReportSimilarityThreshold).HasColumnName("report_similarity_threshold");
            b.Property(x => x.ReportSimilarityBlocks).HasColumnName("report_similarity_blocks");
            b.Property(x => x.Revision).HasColumnName("revision").IsConcurrencyToken();
            b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            b.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(100);
        });

        modelBuilder.Entity<IndexNumberCounter>(b =>
        {
            b.ToTable("index_number_counters");
            b.HasKey(x => new { x.TenantId, x.SeriesKey });
            b.Property(x => x.SeriesKey).HasColumnName("series_key").HasMaxLength(IndexNumberScheme.MaxLength + 8);
            b.Property(x => x.LastValue).HasColumnName("last_value");
        });

        modelBuilder.Entity<CatalogueUnit>(b =>
        {
            b.ToTable("catalogue_units");
            b.HasKey(x => x.TenantId);
            b.Property(x => x.TenantId).HasColumnName("tenant_id").HasMaxLength(64);
            b.Property(x => x.FirstSeenAt).HasColumnName("first_seen_at");
        });

        modelBuilder.Entity<PublicationAlert>(b =>
        {
            b.ToTable("publication_alerts");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.ItemId).HasColumnName("item_id");
            b.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(20);
            b.Property(x => x.DueOn).HasColumnName("due_on");
            b.Property(x => x.RaisedAt).HasColumnName("raised_at");
            b.HasIndex(x => new { x.ItemId, x.Kind, x.DueOn }).IsUnique();
        });

        modelBuilder.Entity<PublicItem>(b =>
        {
            b.ToTable("public_items");
            b.HasKey(x => x.ItemId);
            b.Property(x => x.ItemId).HasColumnName("item_id");
            b.Property(x => x.UnitCode).HasColumnName("unit_code").HasMaxLength(64);
            b.Property(x => x.ParentUnitCode).HasColumnName("parent_unit_code").HasMaxLength(64);
            // A portal page walks one of these in publication order, and the filters of the public list are answered from the
            // index entries (index-only scans): only the page's own rows are read from the table.
            b.HasIndex(x => new { x.UnitCode, x.PublishedOn, x.IndexNumber }, "ix_public_items_unit_newest").IsDescending(false, true, true)
                .IncludeProperties(x => new { x.ItemId, x.SubjectTopCode, x.SubjectCode, x.Genre, x.Validity, x.DomainCode, x.WrittenOn });
            b.HasIndex(x => new { x.ParentUnitCode, x.PublishedOn, x.IndexNumber }, "ix_public_items_parent_unit_newest").IsDescending(false, true, true)
                .IncludeProperties(x => new { x.ItemId, x.SubjectTopCode, x.SubjectCode, x.Genre, x.Validity, x.DomainCode, x.WrittenOn });
            b.Property(x => x.IndexNumber).HasColumnName("index_number").HasMaxLength(IndexNumberScheme.MaxLength + 8);
            b.Property(x => x.Title).HasColumnName("title").HasMaxLength(ItemInput.MaxTitle);
            b.Property(x => x.Summary).HasColumnName("summary").HasMaxLength(ItemInput.MaxSummary);
            b.Property(x => x.SubjectCode).HasColumnName("subject_code").HasMaxLength(8);
            b.Property(x => x.SubjectTopCode).HasColumnName("subject_top_code").HasMaxLength(8);
            b.Property(x => x.Genre).HasColumnName("genre").HasConversion<string>().HasMaxLength(30);
            b.Property(x => x.Publisher).HasColumnName("publisher").HasMaxLength(ItemInput.MaxPublisher);
            b.Property(x => x.WrittenOn).HasColumnName("written_on");
            b.Property(x => x.DocumentNumber).HasColumnName("document_number").HasMaxLength(ItemInput.MaxDocumentNumber);
            b.Property(x => x.Scope).HasColumnName("scope").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.DomainCode).HasColumnName("domain_code").HasMaxLength(4);
            b.Property(x => x.ObligationId).HasColumnName("obligation_id");
            b.HasIndex(x => x.ObligationId).HasFilter("obligation_id IS NOT NULL");
            b.Property(x => x.InterpretsId).HasColumnName("interprets_id");
            b.HasIndex(x => x.InterpretsId).HasFilter("interprets_id IS NOT NULL");
            b.Property(x => x.BodyHtml).HasColumnName("body_html");
            b.Property(x => x.Keywords).HasColumnName("keywords");
            b.Property(x => x.Attachments).HasColumnName("attachments").HasColumnType("jsonb").HasConversion(
                a => JsonSerializer.Serialize(a, Json), s => JsonSerializer.Deserialize<List<PublicAttachment>>(s, Json)!,
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<PublicAttachment>>(
                    (l, r) => l!.SequenceEqual(r!), a => a.Count, a => a.ToList()));
            b.Property(x => x.Validity).HasColumnName("validity").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.ValidityChangedOn).HasColumnName("validity_changed_on");
            b.Property(x => x.Version).HasColumnName("version");
            b.Property(x => x.FirstPublishedOn).HasColumnName("first_published_on");
            b.Property(x => x.PublishedOn).HasColumnName("published_on");
            b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            // Search: bigrams in a GIN-indexed array, queried with @> (contains all of the query's bigrams) and confirmed
            // with strpos on search_text. Not pg_trgm: trigrams need queries of 3 or more characters, and two-character
            // words (资金, 低保, 拆迁) are the commonest Chinese queries. One-character queries scan search_text.
            b.Property(x => x.SearchTerms).HasColumnName("search_terms").HasColumnType("text[]");
            b.HasIndex(x => x.SearchTerms).HasMethod("gin").HasDatabaseName("ix_public_items_search_terms");
            b.Property(x => x.SearchText).HasColumnName("search_text");
        });

        modelBuilder.Entity<Obligation>(b =>
        {
            b.ToTable("standard_obligations");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.Origin).HasColumnName("origin").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.InheritedFromId).HasColumnName("inherited_from_id");
            b.Property(x => x.Baseline).HasColumnName("baseline").HasColumnType("jsonb").HasConversion(
                c => c == null ? null : JsonSerializer.Serialize(c, Json),
                s => s == null ? null : JsonSerializer.Deserialize<ObligationContent>(s, Json));
            b.Property(x => x.Code).HasColumnName("code").HasMaxLength(ObligationInput.MaxCode);
            // One active obligation per code in a unit (a retired one keeps its code for the record).
            b.HasIndex(x => new { x.TenantId, x.Code }).IsUnique().HasFilter("retired_at IS NULL");
            b.HasIndex(x => new { x.TenantId, x.InheritedFromId });
            b.Property(x => x.DomainCode).HasColumnName("domain_code").HasMaxLength(4);
            b.Property(x => x.Level1).HasColumnName("level1").HasMaxLength(ObligationInput.MaxName);
            b.Property(x => x.Level2).HasColumnName("level2").HasMaxLength(ObligationInput.MaxName);
            b.Property(x => x.Content).HasColumnName("content").HasMaxLength(ObligationInput.MaxText);
            b.Property(x => x.Basis).HasColumnName("basis").HasMaxLength(ObligationInput.MaxText);
            b.Property(x => x.DeadlineText).HasColumnName("deadline_text").HasMaxLength(ObligationInput.MaxDeadline);
            b.Property(x => x.Responsible).HasColumnName("responsible").HasMaxLength(ObligationInput.MaxResponsible);
            // Flags as their number: a combined value has no single name.
            b.Property(x => x.Channels).HasColumnName("channels");
            b.Property(x => x.Audience).HasColumnName("audience").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.Mode).HasColumnName("mode").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.Levels).HasColumnName("levels");
            b.Property(x => x.DeadlineKind).HasColumnName("deadline_kind").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.DeadlineWorkingDays).HasColumnName("deadline_working_days");
            b.Property(x => x.DifferenceReason).HasColumnName("difference_reason").HasMaxLength(ObligationInput.MaxReason);
            b.Property(x => x.FirstPublishedVersion).HasColumnName("first_published_version");
            b.Property(x => x.RetiredAt).HasColumnName("retired_at");
            b.Property(x => x.RetiredReason).HasColumnName("retired_reason").HasMaxLength(ObligationInput.MaxReason);
            b.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
            b.Property(x => x.CreatedAt).HasColumnName("created_at");
            b.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(100);
            b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            b.Property(x => x.Revision).HasColumnName("revision").IsConcurrencyToken();
        });

        modelBuilder.Entity<DomainExemption>(b =>
        {
            b.ToTable("standard_domain_exemptions");
            b.HasKey(x => new { x.TenantId, x.DomainCode });
            b.Property(x => x.DomainCode).HasColumnName("domain_code").HasMaxLength(4);
            b.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(ObligationInput.MaxReason);
            b.Property(x => x.RecordedBy).HasColumnName("recorded_by").HasMaxLength(100);
            b.Property(x => x.RecordedAt).HasColumnName("recorded_at");
        });

        modelBuilder.Entity<CatalogueAdoption>(b =>
        {
            b.ToTable("standard_catalogue_adoptions");
            b.HasKey(x => x.TenantId);
            b.Property(x => x.DistrictCode).HasColumnName("district_code").HasMaxLength(64);
            b.Property(x => x.Version).HasColumnName("version");
            b.Property(x => x.AdoptedAt).HasColumnName("adopted_at");
            b.Property(x => x.AdoptedBy).HasColumnName("adopted_by").HasMaxLength(100);
            b.Property(x => x.Revision).HasColumnName("revision").IsConcurrencyToken();
        });

        modelBuilder.Entity<PublishedCatalogue>(b =>
        {
            b.ToTable("published_standard_catalogues");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.UnitCode).HasColumnName("unit_code").HasMaxLength(64);
            // Versions are numbered per unit; two publications at once collide here instead of sharing a number.
            b.HasIndex(x => new { x.UnitCode, x.Version }).IsUnique();
            b.Property(x => x.ParentUnitCode).HasColumnName("parent_unit_code").HasMaxLength(64);
            b.Property(x => x.Version).HasColumnName("version");
            b.Property(x => x.PublishedOn).HasColumnName("published_on");
            b.Property(x => x.PublishedAt).HasColumnName("published_at");
            b.Property(x => x.AdoptedDistrictCode).HasColumnName("adopted_district_code").HasMaxLength(64);
            b.Property(x => x.AdoptedVersion).HasColumnName("adopted_version");
            b.Property(x => x.Obligations).HasColumnName("obligations").HasColumnType("jsonb").HasConversion(
                o => JsonSerializer.Serialize(o, Json), s => JsonSerializer.Deserialize<List<PublishedObligation>>(s, Json)!,
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<PublishedObligation>>(
                    (l, r) => l!.SequenceEqual(r!), o => o.Count, o => o.ToList()));
            b.Property(x => x.Exemptions).HasColumnName("exemptions").HasColumnType("jsonb").HasConversion(
                o => JsonSerializer.Serialize(o, Json), s => JsonSerializer.Deserialize<List<PublishedExemption>>(s, Json)!,
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<PublishedExemption>>(
                    (l, r) => l!.SequenceEqual(r!), o => o.Count, o => o.ToList()));
        });
        modelBuilder.Entity<GuideVersion>(b =>
        {
            b.ToTable("disclosure_guide_versions");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.Version).HasColumnName("version");
            // Versions are numbered per unit; two admins saving at once collide here instead of sharing a number.
            b.HasIndex(x => new { x.TenantId, x.Version }).IsUnique();
            b.Property(x => x.Content).HasColumnName("content").HasColumnType("jsonb").HasConversion(
                c => JsonSerializer.Serialize(c, Json), s => JsonSerializer.Deserialize<GuideContent>(s, Json)!);
            b.Property(x => x.UpdatedOn).HasColumnName("updated_on");
            b.Property(x => x.SavedBy).HasColumnName("saved_by").HasMaxLength(100);
            b.Property(x => x.SavedAt).HasColumnName("saved_at");
        });

        modelBuilder.Entity<PublicGuide>(b =>
        {
            b.ToTable("public_disclosure_guides");
            b.HasKey(x => x.UnitCode);
            b.Property(x => x.UnitCode).HasColumnName("unit_code").HasMaxLength(64);
            b.Property(x => x.UnitName).HasColumnName("unit_name").HasMaxLength(200);
            b.Property(x => x.Version).HasColumnName("version");
            b.Property(x => x.Content).HasColumnName("content").HasColumnType("jsonb").HasConversion(
                c => JsonSerializer.Serialize(c, Json), s => JsonSerializer.Deserialize<GuideContent>(s, Json)!);
            b.Property(x => x.UpdatedOn).HasColumnName("updated_on");
            b.Property(x => x.PublishedAt).HasColumnName("published_at");
        });
        SupervisionModel.Configure(modelBuilder);
        base.OnModelCreating(modelBuilder);
    }
}

public sealed class PublishingDbContextFactory : DesignTimeDbContextFactory<PublishingDbContext>;
