using System.Text;
using System.Text.Json;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Dossier;
using Gongkai.Document.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Document.Consumers;

/// <summary>
/// Freezes the case file when the case is archived (归档后不可更改): builds it exactly as the export does and
/// stores the ZIP, its SHA-256 and catalogue once. If a part cannot be had now (a service down), it throws so
/// MassTransit retries and, failing that, parks the message in the error queue: no archive goes unsealed silently.
/// </summary>
public sealed class CaseStatusChangedConsumer(DocumentDbContext db, DossierBuilder builder, TimeProvider clock, ILogger<CaseStatusChangedConsumer> logger)
    : IConsumer<CaseStatusChanged>
{
    public const string ArchivedStatus = "Archived";
    public const string SealedBy = "系统（归档时封存）";

    public async Task Consume(ConsumeContext<CaseStatusChanged> context)
    {
        var message = context.Message;
        if (message.Status != ArchivedStatus)
            return;
        var ct = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Held until commit: evidence uploads for this case wait, and then see the seal.
        await db.LockCaseAsync(message.CaseId, ct);
        if (await db.SealedDossiers.AnyAsync(s => s.CaseId == message.CaseId, ct))
        {
            // Archived again after a reopening: the first seal stands (append-only).
            logger.LogInformation("Dossier of case {CaseId} was sealed already", message.CaseId);
            return;
        }
        var build = await builder.BuildAsync(message.CaseId, clock.GetUtcNow(), SealedBy, ct);
        if (build is not DossierBuild.Built built)
            throw new InvalidOperationException($"Case {message.CaseId} was archived but its dossier cannot be assembled: {((DossierBuild.NotFound)build).Detail}");
        if (built.Unavailable.Count > 0)
            throw new InvalidOperationException($"Dossier of case {message.CaseId} incomplete, not sealed yet: {string.Join("; ", built.Unavailable)}");
        db.SealedDossiers.Add(new SealedDossier
        {
            CaseId = message.CaseId, CaseNumber = built.CaseNumber, Zip = built.Zip, Sha256 = built.Sha256, Length = built.Zip.Length,
            Catalogue = JsonSerializer.Serialize(built.Catalogue, DossierPackage.Json), SealedAt = built.Catalogue.ExportedAt, MessageId = context.MessageId,
        });
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, SealedBy, db.Tenant.Required, "dossier-sealed", $"case:{message.CaseId}",
            $"归档封存案卷 {built.CaseNumber}：{built.Catalogue.Items.Count} 个文件，ZIP SHA-256 {built.Sha256}", null, built.Catalogue.ExportedAt));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Sealed dossier of case {CaseId}: {Sha256}", message.CaseId, built.Sha256);
    }
}
