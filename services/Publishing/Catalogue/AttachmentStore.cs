using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.Publishing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Catalogue;

public enum AttachmentStoreKind
{
    Database,
    FileSystem,
}

/// <summary>Publishing:Attachments.</summary>
public sealed class AttachmentOptions
{
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;
    public int MaxPerItem { get; set; } = 20;
    public AttachmentStoreKind Store { get; set; } = AttachmentStoreKind.Database;

    /// <summary>The FileSystem store's directory (required for it).</summary>
    public string? Root { get; set; }
}

/// <summary>Where attachment bytes live. Metadata is always in <see cref="ItemAttachment"/>; a store holds only bytes.</summary>
public interface IAttachmentStore
{
    /// <summary>Keeps the bytes of a new attachment; they are committed by (or before) the caller's SaveChanges.</summary>
    Task SaveAsync(Guid attachmentId, string sha256, byte[] content, CancellationToken ct);

    /// <summary>The bytes, or null when the store does not have them.</summary>
    Task<Stream?> OpenReadAsync(Guid attachmentId, string sha256, CancellationToken ct);
}

/// <summary>
/// Bytes in the unit's own table (bytea, row-level security like the metadata), added to the same SaveChanges as the
/// attachment's row: both commit or neither. The row goes with its attachment (ON DELETE CASCADE).
/// </summary>
public sealed class DatabaseAttachmentStore(PublishingDbContext db) : IAttachmentStore
{
    public Task SaveAsync(Guid attachmentId, string sha256, byte[] content, CancellationToken ct)
    {
        db.AttachmentContents.Add(new AttachmentContent { AttachmentId = attachmentId, Content = content });
        return Task.CompletedTask;
    }

    public async Task<Stream?> OpenReadAsync(Guid attachmentId, string sha256, CancellationToken ct)
    {
        var content = await db.AttachmentContents.AsNoTracking().Where(c => c.AttachmentId == attachmentId).Select(c => c.Content).SingleOrDefaultAsync(ct);
        return content is null ? null : new MemoryStream(content, writable: false);
    }
}

/// <summary>
/// Bytes in files named by their SHA-256 (root/ab/abcdef…), so identical files are stored once, whichever item, version or
/// unit attached them. A file is written under a temporary name and renamed into place, so a reader never sees half of
/// one. Because a file may be shared, removing an attachment never deletes its file.
/// </summary>
public sealed class FileSystemAttachmentStore(AttachmentOptions options) : IAttachmentStore
{
    private readonly string _root = options.Root is { Length: > 0 } root ? Path.GetFullPath(root)
        : throw new InvalidOperationException("Publishing:Attachments:Root must name a directory for the FileSystem attachment store.");

    public async Task SaveAsync(Guid attachmentId, string sha256, byte[] content, CancellationToken ct)
    {
        var path = PathOf(sha256);
        if (File.Exists(path))
            return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, content, ct);
        // Another upload of the same bytes may have won the race: its file is identical, so overwriting is harmless.
        File.Move(temporary, path, overwrite: true);
    }

    public Task<Stream?> OpenReadAsync(Guid attachmentId, string sha256, CancellationToken ct)
    {
        var path = PathOf(sha256);
        return Task.FromResult<Stream?>(File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null);
    }

    private string PathOf(string sha256)
    {
        // The hash is ours (computed on upload), but a path is built from it: insist on what it must look like.
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("Not a lower-case SHA-256.", nameof(sha256));
        return Path.Combine(_root, sha256[..2], sha256);
    }
}
