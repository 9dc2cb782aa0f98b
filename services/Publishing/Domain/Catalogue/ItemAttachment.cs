using System.Linq.Expressions;
using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Publishing.Domain.Catalogue;

/// <summary>
/// A file attached to a catalogue item, belonging to the versions from <see cref="AddedInVersion"/> up to (not
/// including) <see cref="RemovedInVersion"/>. A new version thereby carries its predecessor's attachments over without
/// copying them, and removing one from the next draft ends its range there: the published version keeps it. Only the
/// metadata lives here; the bytes are in an <c>IAttachmentStore</c>, so lists never load them.
/// </summary>
public sealed class ItemAttachment : ITenantOwned
{
    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public Guid ItemId { get; init; }
    public required string FileName { get; init; }
    public AttachmentType Type { get; init; }
    public long SizeBytes { get; init; }

    /// <summary>SHA-256 of the bytes, lower-case hex: the public can check a download against it, and it is the ETag.</summary>
    public required string Sha256 { get; init; }

    public int AddedInVersion { get; init; }
    public int? RemovedInVersion { get; private set; }
    public required string AddedBy { get; init; }
    public DateTimeOffset AddedAt { get; init; }

    public bool IsIn(int version) => AddedInVersion <= version && (RemovedInVersion is null || RemovedInVersion > version);

    /// <summary><see cref="IsIn"/> for the database.</summary>
    public static Expression<Func<ItemAttachment, bool>> OfVersion(Guid itemId, int version) =>
        a => a.ItemId == itemId && a.AddedInVersion <= version && (a.RemovedInVersion == null || a.RemovedInVersion > version);

    /// <summary>Ends the attachment's range at <paramref name="draftVersion"/>; the versions before it keep it.</summary>
    internal void RemoveFrom(int draftVersion) => RemovedInVersion = draftVersion;
}

/// <summary>The bytes of an attachment kept by the database store, in a table of their own.</summary>
public sealed class AttachmentContent : ITenantOwned
{
    public Guid AttachmentId { get; init; }
    public string TenantId { get; set; } = "";
    public required byte[] Content { get; init; }
}
