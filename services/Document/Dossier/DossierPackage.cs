using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Gongkai.Document.Dossier;

/// <summary>One file of the dossier, as the catalogue (归档目录) lists it.</summary>
public sealed record DossierItem(int No, string Path, string Title, string Category, DateTimeOffset? Date, string Sha256, long Bytes, string Source);

public sealed record DossierCatalogue(string Unit, Guid CaseId, string? CaseNumber, DateTimeOffset ExportedAt, string ExportedBy,
    IReadOnlyList<DossierItem> Items, IReadOnlyList<string> Missing);

/// <summary>A file to put into the dossier.</summary>
public sealed record DossierFile(string Path, string Title, string Category, DateTimeOffset? Date, byte[] Content, string Source);

/// <summary>
/// The case file (一案一档) as a ZIP: every file, a machine-readable catalogue (归档目录.json) and the same
/// catalogue for people (归档目录.txt), each entry with its date and SHA-256 so a reader can check every file.
/// </summary>
public static class DossierPackage
{
    public const string CatalogueJson = "归档目录.json";
    public const string CatalogueText = "归档目录.txt";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static (byte[] Zip, DossierCatalogue Catalogue) Build(string unit, Guid caseId, string? caseNumber, DateTimeOffset exportedAt,
        string exportedBy, IReadOnlyList<DossierFile> files, IReadOnlyList<string> missing)
    {
        var items = files.Select((f, i) => new DossierItem(i + 1, f.Path, f.Title, f.Category, f.Date,
            Convert.ToHexStringLower(SHA256.HashData(f.Content)), f.Content.Length, f.Source)).ToList();
        var catalogue = new DossierCatalogue(unit, caseId, caseNumber, exportedAt, exportedBy, items, missing);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8))
        {
            Add(zip, CatalogueJson, JsonSerializer.SerializeToUtf8Bytes(catalogue, Json), exportedAt);
            Add(zip, CatalogueText, Encoding.UTF8.GetBytes(Text(catalogue)), exportedAt);
            foreach (var file in files)
                Add(zip, file.Path, file.Content, file.Date ?? exportedAt);
        }
        return (buffer.ToArray(), catalogue);
    }

    public static string Text(DossierCatalogue catalogue)
    {
        var china = TimeSpan.FromHours(8);
        var text = new StringBuilder()
            .AppendLine("政府信息公开申请办理案卷 归档目录")
            .AppendLine($"单位：{catalogue.Unit}    申请编号：{catalogue.CaseNumber}    案件：{catalogue.CaseId}")
            .AppendLine($"导出时间：{catalogue.ExportedAt.ToOffset(china):yyyy-MM-dd HH:mm:ss}（北京时间）    导出人：{catalogue.ExportedBy}")
            .AppendLine()
            .AppendLine("序号\t日期\t类别\t材料名称\t文件\t字节\tSHA-256");
        foreach (var item in catalogue.Items)
            text.AppendLine($"{item.No}\t{item.Date?.ToOffset(china).ToString("yyyy-MM-dd HH:mm") ?? "—"}\t{item.Category}\t{item.Title}\t{item.Path}\t{item.Bytes}\t{item.Sha256}");
        if (catalogue.Missing.Count > 0)
        {
            text.AppendLine().AppendLine("未能纳入本次导出的材料：");
            foreach (var missing in catalogue.Missing)
                text.AppendLine($"- {missing}");
        }
        return text.ToString();
    }

    private static void Add(ZipArchive zip, string path, byte[] content, DateTimeOffset date)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = date;
        using var stream = entry.Open();
        stream.Write(content);
    }
}
