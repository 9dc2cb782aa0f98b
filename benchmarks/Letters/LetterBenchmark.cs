using System.Diagnostics;
using Gongkai.Benchmarks.Letters.Chromium;
using Gongkai.Contracts;
using Gongkai.Document.Domain.Letters;
using Gongkai.Document.Domain.Templates;
using Gongkai.Document.Rendering;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gongkai.Benchmarks.Letters;

public sealed record LetterFigures(
    int Letters, double NativeMedianMs, double NativeP95Ms, double NativeFirstMs, double NativeLettersPerSecond, double NativeExtraMb,
    double ChromiumMedianMs, double ChromiumP95Ms, double ChromiumFirstMs, double ChromiumLettersPerSecond, double ChromiumMb,
    double SpeedRatio,
    int ReportPages, double ReportNativeMedianMs, double ReportChromiumMedianMs, double ReportSpeedRatio);

public static class LetterBenchmark
{
    private const int Rounds = 200;
    private const int ChromiumRounds = 30;

    private const int ReportRounds = 20;

    /// <summary>Measures letters and one annual report each way; writes the report's two PDFs to <paramref name="outputDirectory"/> to compare by eye.</summary>
    public static async Task<LetterFigures> RunAsync(string outputDirectory)
    {
        var letter = Reply();
        var before = CurrentRssMb();
        var native = new PdfLetter(Options.Create(new PdfFontOptions()), NullLogger<PdfLetter>.Instance);
        var nativeFirst = Time(() => native.Render(letter));
        var nativeTimes = Enumerable.Range(0, Rounds).Select(_ => Time(() => native.Render(letter))).ToList();
        var nativeExtra = CurrentRssMb() - before;

        // The same text as one report page: title, the unit line, paragraphs.
        var html = HtmlReport.Render(new ReportLayout(letter.Title, letter.UnitName,
            [.. new[] { letter.Number!, letter.Addressee }.Concat(letter.Paragraphs).Append(letter.Date).Select(p => new ReportBlock(ReportBlockKind.Paragraph, p))]));
        await using var chromium = new PdfRenderer(Options.Create(new PdfRenderingOptions()), NullLogger<PdfRenderer>.Instance);
        var chromiumFirst = await TimeAsync(() => chromium.RenderAsync(html, CancellationToken.None));
        var chromiumTimes = new List<double>();
        for (var i = 0; i < ChromiumRounds; i++)
            chromiumTimes.Add(await TimeAsync(() => chromium.RenderAsync(html, CancellationToken.None)));
        var chromiumMb = ChromiumRssMb();

        var report = SampleReport.Layout();
        var nativeReport = new PdfReport(Options.Create(new PdfFontOptions()));
        var reportNativeTimes = Enumerable.Range(0, ReportRounds).Select(_ => Time(() => nativeReport.Render(report))).ToList();
        var reportHtml = HtmlReport.Render(report);
        var reportChromiumTimes = new List<double>();
        for (var i = 0; i < ReportRounds; i++)
            reportChromiumTimes.Add(await TimeAsync(() => chromium.RenderAsync(reportHtml, CancellationToken.None)));
        var nativePdf = nativeReport.Render(report);
        await File.WriteAllBytesAsync(Path.Combine(outputDirectory, "report-native.pdf"), nativePdf);
        await File.WriteAllBytesAsync(Path.Combine(outputDirectory, "report-chromium.pdf"), await chromium.RenderAsync(reportHtml, CancellationToken.None));
        var reportPages = System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(nativePdf), @"/Type\s*/Page\b");

        var figures = new LetterFigures(Rounds,
            Median(nativeTimes), Percentile(nativeTimes, 0.95), nativeFirst, 1000 / Median(nativeTimes), nativeExtra,
            Median(chromiumTimes), Percentile(chromiumTimes, 0.95), chromiumFirst, 1000 / Median(chromiumTimes), chromiumMb,
            Median(chromiumTimes) / Median(nativeTimes),
            reportPages, Median(reportNativeTimes), Median(reportChromiumTimes), Median(reportChromiumTimes) / Median(reportNativeTimes));
        Console.WriteLine($"One-page reply, native (PdfLetter):   median {figures.NativeMedianMs:0.0} ms, p95 {figures.NativeP95Ms:0.0} ms, first {figures.NativeFirstMs:0} ms, {figures.NativeLettersPerSecond:0} letters/s on one thread, +{figures.NativeExtraMb:0} MB RSS ({Rounds} letters)");
        Console.WriteLine($"Same text, Chromium (PdfRenderer):    median {figures.ChromiumMedianMs:0.0} ms, p95 {figures.ChromiumP95Ms:0.0} ms, first {figures.ChromiumFirstMs:0} ms, {figures.ChromiumLettersPerSecond:0.0} letters/s, driver and browser {figures.ChromiumMb:0} MB RSS ({ChromiumRounds} letters)");
        Console.WriteLine($"Native is {figures.SpeedRatio:0.0}× faster (median against median, same run)");
        Console.WriteLine($"Annual report of {figures.ReportPages} pages, native (PdfReport): median {figures.ReportNativeMedianMs:0} ms; Chromium: median {figures.ReportChromiumMedianMs:0} ms ({ReportRounds} each); native is {figures.ReportSpeedRatio:0.0}× faster");
        return figures;
    }

    private static Letter Reply()
    {
        var template = TemplateCatalog.Find("reply.PartiallyDisclose")!;
        var fields = new Dictionary<string, string> { [DocumentKinds.Fields.Reasons] = "申请获取的信息中涉及第三方个人信息，经征求意见，第三方不同意公开，且不公开不会对公共利益造成重大影响" };
        return LetterComposer.Compose(template, template.Title, template.Paragraphs,
            new LetterRequest(DocumentKinds.Reply, "510116-dsj-2026-00042", "张三", new DateOnly(2026, 11, 2), fields, new DateOnly(2026, 11, 23)),
            new Letterhead("成都市双流区大数据管理局", "028-85800001（局办公室）", 60, 6, "成都市双流区人民政府", null, null), "双数公复〔2026〕12号");
    }

    private static double Time(Func<byte[]> render)
    {
        var stopwatch = Stopwatch.StartNew();
        render();
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> TimeAsync(Func<Task<byte[]>> render)
    {
        var stopwatch = Stopwatch.StartNew();
        await render();
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static double CurrentRssMb()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64 / 1048576.0;
    }

    /// <summary>Resident memory of this process's descendants (Playwright's driver is node; Chromium's browser, renderer and utility processes).</summary>
    private static double ChromiumRssMb()
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
                continue;
            try
            {
                var stat = File.ReadAllText($"{directory}/stat");
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
            }
            catch (IOException) { } // gone meanwhile
        }
        var descendants = new HashSet<int>();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent) in parents)
                if ((parent == Environment.ProcessId || descendants.Contains(parent)) && descendants.Add(pid))
                    grew = true;
        }
        return descendants.Sum(RssKb) / 1024.0;
    }

    private static long RssKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
