using Gongkai.BuildingBlocks.Persistence;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Intake.CityLink;
using Gongkai.Intake.Domain;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Intake.Infrastructure;

public sealed class IntakeDbContext(DbContextOptions<IntakeDbContext> options, TenantContext tenant) : ServiceDbContext(options, tenant)
{
    /// <summary>Name of the unique index that makes a repeated idempotency key a conflict, not a second application.</summary>
    public const string IdempotencyIndex = "ux_applications_idempotency_key";

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<ApplicationNumberCounter> NumberCounters => Set<ApplicationNumberCounter>();

    public DbSet<ApplicationAttachment> Attachments => Set<ApplicationAttachment>();

    public DbSet<ApplicationFlag> Flags => Set<ApplicationFlag>();

    public DbSet<CaseDocument> CaseDocuments => Set<CaseDocument>();

    public DbSet<CityApplication> CityApplications => Set<CityApplication>();

    public DbSet<CityDelivery> CityDeliveries => Set<CityDelivery>();

    public DbSet<CityNonce> CityNonces => Set<CityNonce>();

    public DbSet<CityInboundMessage> CityInboundMessages => Set<CityInboundMessage>();

    public DbSet<CityReconciliation> CityReconciliations => Set<CityReconciliation>();

    /// <summary>
    /// Takes the next number of this unit and year inside the caller's transaction: the upsert locks the
    /// counter row until commit, so concurrent registrations queue up, and a rollback gives the number back.
    /// </summary>
    public async Task<int> NextApplicationNumberAsync(int year, CancellationToken ct)
    {
        if (Database.CurrentTransaction is null)
            throw new InvalidOperationException("Numbering must run inside the registration's transaction.");
        var values = await Database.SqlQuery<int>($"""
            INSERT INTO application_number_counters (tenant_id, year, last_value) VALUES ({Tenant.Required}, {year}, 1)
            ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = application_number_counters.last_value + 1
            RETURNING last_value AS "Value"
            """).ToListAsync(ct);
        return values.Single();
    }

    /// <summary>Locks one application row until the caller's transaction ends (confirmation, case events).</summary>
    public async Task LockApplicationAsync(Guid id, CancellationToken ct)
    {
        if (Database.CurrentTransaction is null)
            throw new InvalidOperationException("A row lock only lasts inside a transaction.");
        await Database.ExecuteSqlAsync($"SELECT 1 FROM applications WHERE id = {id} FOR UPDATE", ct);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Application>(b =>
        {
            b.ToTable("applications");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.Number).HasColumnName("number").HasMaxLength(100);
            b.HasIndex(x => new { x.TenantId, x.Number }).IsUnique();
            b.Property(x => x.QueryCodeHash).HasColumnName("query_code_hash").HasMaxLength(64);
            b.Property(x => x.QueryCodeProtected).HasColumnName("query_code_protected").HasMaxLength(200);
            b.Property(x => x.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.Channel).HasColumnName("channel").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.ApplicantKind).HasColumnName("applicant_kind").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.ApplicantName).HasColumnName("applicant_name").HasMaxLength(200);
            b.Property(x => x.OrganisationCategory).HasColumnName("organisation_category").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.CreditCode).HasColumnName("credit_code").HasMaxLength(18);
            b.Property(x => x.ContactName).HasColumnName("contact_name").HasMaxLength(50);
            b.Property(x => x.IdType).HasColumnName("id_type").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.IdNumberProtected).HasColumnName("id_number_protected").HasMaxLength(200);
            b.Property(x => x.ApplicantIndex).HasColumnName("applicant_index").HasMaxLength(64);
            // Repeat detection looks up the applicant's earlier applications of the unit.
            b.HasIndex(x => new { x.TenantId, x.ApplicantIndex });
            b.Property(x => x.PhoneProtected).HasColumnName("phone_protected").HasMaxLength(200);
            b.Property(x => x.EmailProtected).HasColumnName("email_protected").HasMaxLength(600);
            b.Property(x => x.AddressProtected).HasColumnName("address_protected").HasMaxLength(1000);
            b.Property(x => x.PostalCode).HasColumnName("postal_code").HasMaxLength(6);
            b.Property(x => x.AgentName).HasColumnName("agent_name").HasMaxLength(100);
            b.Property(x => x.AgentIdType).HasColumnName("agent_id_type").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.AgentIdNumberProtected).HasColumnName("agent_id_number_protected").HasMaxLength(200);
            b.Property(x => x.AgentPhoneProtected).HasColumnName("agent_phone_protected").HasMaxLength(200);
            b.Property(x => x.Description).HasColumnName("description").HasMaxLength(4000);
            b.Property(x => x.DocumentNumber).HasColumnName("document_number").HasMaxLength(100);
            b.Property(x => x.Purpose).HasColumnName("purpose").HasMaxLength(500);
            b.Property(x => x.RequestedForm).HasColumnName("requested_form").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.DeliveryRoute).HasColumnName("delivery_route").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.ArrivedAt).HasColumnName("arrived_at");
            // Repeat detection compares the unit's applications of the last window.
            b.HasIndex(x => new { x.TenantId, x.ArrivedAt });
            b.Property(x => x.ConfirmedAt).HasColumnName("confirmed_at");
            b.Property(x => x.ConfirmationMethod).HasColumnName("confirmation_method").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.ConfirmationNote).HasColumnName("confirmation_note").HasMaxLength(500);
            b.Property(x => x.ConfirmedBy).HasColumnName("confirmed_by").HasMaxLength(200);
            b.Property(x => x.LegalReceiptDate).HasColumnName("legal_receipt_date");
            b.Property(x => x.RegisteredAt).HasColumnName("registered_at");
            b.Property(x => x.RegisteredBy).HasColumnName("registered_by").HasMaxLength(200);
            b.Property(x => x.TraceId).HasColumnName("trace_id").HasMaxLength(32);
            b.Property(x => x.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(100);
            // The same key registers once per unit; concurrent retries meet here.
            b.HasIndex(x => new { x.TenantId, x.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL")
                .HasDatabaseName(IdempotencyIndex);
            b.Property(x => x.RequestFingerprint).HasColumnName("request_fingerprint").HasMaxLength(64);
            b.Property(x => x.ExternalReference).HasColumnName("external_reference").HasMaxLength(100);
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.Property(x => x.ReplyDue).HasColumnName("reply_due");
            b.Property(x => x.CaseStatus).HasColumnName("case_status").HasMaxLength(60);
            b.Property(x => x.CaseStatusChangedAt).HasColumnName("case_status_changed_at");
            b.Property(x => x.ReplyType).HasColumnName("reply_type").HasMaxLength(60);
            b.Property(x => x.ReplyTypeLabel).HasColumnName("reply_type_label").HasMaxLength(60);
            b.Property(x => x.ClosedAt).HasColumnName("closed_at");
            b.Ignore(x => x.ApplicantCategory);
        });
        modelBuilder.Entity<ApplicationAttachment>(b =>
        {
            b.ToTable("application_attachments");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.ApplicationId).HasColumnName("application_id");
            b.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            b.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.FileName).HasColumnName("file_name").HasMaxLength(200);
            b.Property(x => x.ContentType).HasColumnName("content_type").HasMaxLength(100);
            b.Property(x => x.SizeBytes).HasColumnName("size_bytes");
            b.Property(x => x.Sha256).HasColumnName("sha256").HasMaxLength(64);
            b.Property(x => x.KeyId).HasColumnName("key_id").HasMaxLength(32);
            b.Property(x => x.Content).HasColumnName("content").HasColumnType("bytea");
            b.Property(x => x.UploadedAt).HasColumnName("uploaded_at");
            b.Property(x => x.UploadedBy).HasColumnName("uploaded_by").HasMaxLength(200);
        });
        modelBuilder.Entity<ApplicationFlag>(b =>
        {
            b.ToTable("application_flags");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.ApplicationId).HasColumnName("application_id");
            b.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            b.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(60);
            b.Property(x => x.RelatedApplicationNumbers).HasColumnName("related_application_numbers");
            b.Property(x => x.Similarity).HasColumnName("similarity");
            b.Property(x => x.FlaggedAt).HasColumnName("flagged_at");
        });
        modelBuilder.Entity<CaseDocument>(b =>
        {
            b.ToTable("case_documents");
            b.HasKey(x => x.DocumentId);
            b.Property(x => x.DocumentId).HasColumnName("document_id");
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.HasIndex(x => new { x.TenantId, x.CaseId });
            b.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(100);
            b.Property(x => x.Title).HasColumnName("title").HasMaxLength(200);
            b.Property(x => x.IssuedAt).HasColumnName("issued_at");
        });
        modelBuilder.Entity<CityApplication>(b =>
        {
            b.ToTable("city_applications");
            b.HasKey(x => x.CityReference);
            b.Property(x => x.CityReference).HasColumnName("city_reference").HasMaxLength(100);
            b.Property(x => x.UnitCode).HasColumnName("unit_code").HasMaxLength(64);
            b.Property(x => x.ApplicationId).HasColumnName("application_id");
            b.HasIndex(x => x.ApplicationId).IsUnique();
            b.Property(x => x.ApplicationNumber).HasColumnName("application_number").HasMaxLength(100);
            b.Property(x => x.ReceivedAt).HasColumnName("received_at");
            b.HasIndex(x => x.ReceivedAt);
            b.Property(x => x.LastSequence).HasColumnName("last_sequence");
            b.Property(x => x.ClientId).HasColumnName("client_id").HasMaxLength(100);
        });
        modelBuilder.Entity<CityDelivery>(b =>
        {
            b.ToTable("city_deliveries");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.OrderingKey).HasColumnName("ordering_key").HasMaxLength(120);
            b.Property(x => x.Sequence).HasColumnName("sequence");
            b.HasIndex(x => new { x.OrderingKey, x.Sequence }).IsUnique();
            b.Property(x => x.UnitCode).HasColumnName("unit_code").HasMaxLength(64);
            b.Property(x => x.CityReference).HasColumnName("city_reference").HasMaxLength(100);
            b.Property(x => x.ApplicationNumber).HasColumnName("application_number").HasMaxLength(100);
            b.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.Payload).HasColumnName("payload").HasColumnType("jsonb");
            b.Property(x => x.CreatedAt).HasColumnName("created_at");
            b.HasIndex(x => x.CreatedAt);
            b.Property(x => x.State).HasColumnName("state").HasConversion<string>().HasMaxLength(20);
            // The sender's query: pending callbacks that are due.
            b.HasIndex(x => x.NextAttemptAt).HasFilter("state = 'Pending'").HasDatabaseName("ix_city_deliveries_due");
            b.Property(x => x.Attempts).HasColumnName("attempts");
            b.Property(x => x.NextAttemptAt).HasColumnName("next_attempt_at");
            b.Property(x => x.LastAttemptAt).HasColumnName("last_attempt_at");
            b.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(1000);
            b.Property(x => x.DeliveredAt).HasColumnName("delivered_at");
            b.Property(x => x.Replays).HasColumnName("replays");
        });
        modelBuilder.Entity<CityNonce>(b =>
        {
            b.ToTable("city_nonces");
            b.HasKey(x => new { x.KeyId, x.Nonce });
            b.Property(x => x.KeyId).HasColumnName("key_id").HasMaxLength(100);
            b.Property(x => x.Nonce).HasColumnName("nonce").HasMaxLength(100);
            b.Property(x => x.SeenAt).HasColumnName("seen_at");
            b.HasIndex(x => x.SeenAt);
        });
        modelBuilder.Entity<CityInboundMessage>(b =>
        {
            b.ToTable("city_inbound_messages");
            b.HasKey(x => new { x.CityReference, x.Kind, x.MessageId });
            b.Property(x => x.CityReference).HasColumnName("city_reference").HasMaxLength(100);
            b.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(40);
            b.Property(x => x.MessageId).HasColumnName("message_id").HasMaxLength(100);
            b.Property(x => x.ReceivedAt).HasColumnName("received_at");
        });
        modelBuilder.Entity<CityReconciliation>(b =>
        {
            b.ToTable("city_reconciliations");
            b.HasKey(x => x.Day);
            b.Property(x => x.Day).HasColumnName("day");
            b.Property(x => x.RanAt).HasColumnName("ran_at");
            b.Property(x => x.Report).HasColumnName("report").HasColumnType("jsonb");
        });
        modelBuilder.Entity<ApplicationNumberCounter>(b =>
        {
            b.ToTable("application_number_counters");
            b.HasKey(x => new { x.TenantId, x.Year });
            b.Property(x => x.Year).HasColumnName("year");
            b.Property(x => x.LastValue).HasColumnName("last_value");
        });
        base.OnModelCreating(modelBuilder);
    }
}

public sealed class IntakeDbContextFactory : DesignTimeDbContextFactory<IntakeDbContext>;
