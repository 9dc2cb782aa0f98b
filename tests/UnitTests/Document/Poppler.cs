using System.Diagnostics;

namespace Gongkai.UnitTests.Document;

/// <summary>Reads a rendered PDF with poppler's tools (pdftotext, pdffonts, pdfinfo), as a reader's tools would.</summary>
internal static class Poppler
{
    public static string Run(string tool, byte[] pdf, params string[] options)
    {
        var file = Path.Combine(Path.GetTempPath(), $"gongkai-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var arguments = options.Append(file).ToList();
            if (tool == "pdftotext")
                arguments.Add("-");
            using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{tool} failed: {process.StandardError.ReadToEnd()}");
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The text of one page (1-based), or of all pages, with white space removed (lines wrap anywhere).</summary>
    public static string Text(byte[] pdf, int? page = null) =>
        Squeeze(page is { } p ? Run("pdftotext", pdf, "-enc", "UTF-8", "-f", $"{p}", "-l", $"{p}") : Run("pdftotext", pdf, "-enc", "UTF-8"));

    public static int Pages(byte[] pdf) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(Run("pdfinfo", pdf), @"Pages:\s+(\d+)").Groups[1].Value);

    public static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c != '\f'));

    /// <summary>pdffonts' rows: one per font the PDF uses.</summary>
    public static List<string> Fonts(byte[] pdf) =>
        [.. Run("pdffonts", pdf).Split('\n').Skip(2).Where(l => l.Trim().Length > 0)];
}
