using Gongkai.Contracts;
using Gongkai.Publishing.Domain.Conversion;
using Gongkai.Publishing.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Consumers;

/// <summary>
/// Intake flagged several applicants asking for the same information (条例第四十四条): the application joins the unit's
/// open conversion suggestion that already names it or one it resembles, so the third and fourth applicant for the
/// same thing add to one suggestion; otherwise it opens a new one (naming the latest decided one about the same
/// applications, if any). Other kinds of flag (an applicant's own repeats, Art. 35/36) are not Publishing's business.
/// </summary>
public sealed class ApplicationFlaggedConsumer(PublishingDbContext db, ILogger<ApplicationFlaggedConsumer> logger) : IConsumer<ApplicationFlagged>
{
    public async Task Consume(ConsumeContext<ApplicationFlagged> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        if (m.Kind != ApplicationFlagKind.SameSubjectSeveralApplicants)
            return;
        string[] numbers = [m.ApplicationNumber, .. m.RelatedApplicationNumbers];

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockConversionsAsync(ct);
        var open = await db.Conversions
            .Where(c => c.State == ConversionState.Open && c.ApplicationNumbers.Any(n => numbers.Contains(n)))
            .OrderBy(c => c.RaisedAt).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            open.Join(m.ApplicationNumber, m.RelatedApplicationNumbers, m.Similarity, m.FlaggedAt);
            logger.LogInformation("Application {ApplicationNumber} joined conversion suggestion {ConversionId}", m.ApplicationNumber, open.Id);
        }
        else
        {
            var previous = await db.Conversions
                .Where(c => c.State != ConversionState.Open && c.ApplicationNumbers.Any(n => numbers.Contains(n)))
                .OrderByDescending(c => c.DecidedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            var suggestion = ConversionSuggestion.FromFlag(m.ApplicationNumber, m.RelatedApplicationNumbers, m.Similarity, m.Basis, previous, m.FlaggedAt);
            db.Conversions.Add(suggestion);
            logger.LogInformation("Application {ApplicationNumber} opened conversion suggestion {ConversionId}", m.ApplicationNumber, suggestion.Id);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
