using Gongkai.Contracts;
using Gongkai.Publishing.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Consumers;

/// <summary>Document stored the PDF and DOCX of a published 通报: the bulletin keeps their hashes (and so knows the files exist).</summary>
public sealed class BulletinRenderedConsumer(PublishingDbContext db) : IConsumer<BulletinRendered>
{
    public async Task Consume(ConsumeContext<BulletinRendered> context)
    {
        var m = context.Message;
        if (await db.Bulletins.SingleOrDefaultAsync(b => b.Id == m.BulletinId, context.CancellationToken) is not { } bulletin)
            return;
        bulletin.Rendered(m.PdfSha256, m.DocxSha256);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
