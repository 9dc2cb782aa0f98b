using System.Security.Cryptography;
using Gongkai.Publishing.Catalogue;

namespace Gongkai.UnitTests.Publishing;

public sealed class FileSystemAttachmentStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gongkai-attachments-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Identical_files_are_stored_once_under_their_SHA256()
    {
        var store = new FileSystemAttachmentStore(new AttachmentOptions { Store = AttachmentStoreKind.FileSystem, Root = _root });
        var content = "%PDF-1.7 同一份文件"u8.ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));

        await store.SaveAsync(Guid.NewGuid(), sha, content, CancellationToken.None);
        await store.SaveAsync(Guid.NewGuid(), sha, content, CancellationToken.None);

        Assert.Equal([Path.Combine(_root, sha[..2], sha)], Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
        await using var read = await store.OpenReadAsync(Guid.NewGuid(), sha, CancellationToken.None);
        using var copy = new MemoryStream();
        await read!.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
        Assert.Null(await store.OpenReadAsync(Guid.NewGuid(), new string('0', 64), CancellationToken.None));
    }

    [Fact]
    public async Task The_store_needs_a_root_and_builds_paths_only_from_a_hash()
    {
        Assert.Throws<InvalidOperationException>(() => new FileSystemAttachmentStore(new AttachmentOptions { Store = AttachmentStoreKind.FileSystem }));
        var store = new FileSystemAttachmentStore(new AttachmentOptions { Root = _root });
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(Guid.NewGuid(), "../../etc/passwd", CancellationToken.None));
    }
}
