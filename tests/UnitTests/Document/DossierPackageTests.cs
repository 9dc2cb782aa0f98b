using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Gongkai.Document.Dossier;

namespace Gongkai.UnitTests.Document;

public class DossierPackageTests
{
    [Fact]
    public void Catalogue_lists_every_file_with_its_date_and_the_sha256_of_the_bytes_in_the_zip()
    {
        var at = new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
        var files = new List<DossierFile>
        {
            new("01-文书/01-政府信息公开申请接收回执.pdf", "《政府信息公开申请接收回执》", "文书", at, [1, 2, 3], "document"),
            new("02-办理过程/案件与办理时间线.json", "案件信息与办理时间线", "办理过程", null, "{\"timeline\":[]}"u8.ToArray(), "workflow"),
        };
        var (zip, catalogue) = DossierPackage.Build("510116-dsj", Guid.NewGuid(), "510116-dsj-2026-00042", at, "张承办", files, ["送达凭证：尚未纳入导出"]);

        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var fromZip = JsonSerializer.Deserialize<DossierCatalogue>(archive.GetEntry(DossierPackage.CatalogueJson)!.Open(), DossierPackage.Json)!;
        Assert.Equal(2, fromZip.Items.Count);
        foreach (var item in fromZip.Items)
        {
            using var content = new MemoryStream();
            archive.GetEntry(item.Path)!.Open().CopyTo(content);
            Assert.Equal(item.Sha256, Convert.ToHexStringLower(SHA256.HashData(content.ToArray())));
            Assert.Equal(item.Bytes, content.Length);
        }
        Assert.Equal(at, fromZip.Items[0].Date);
        Assert.Equal(catalogue.Missing, fromZip.Missing);
        using var reader = new StreamReader(archive.GetEntry(DossierPackage.CatalogueText)!.Open());
        var text = reader.ReadToEnd();
        Assert.Contains("归档目录", text);
        Assert.Contains("2026-11-23 10:00", text);
        Assert.Contains(catalogue.Items[0].Sha256, text);
        Assert.Contains("送达凭证", text);
    }
}
