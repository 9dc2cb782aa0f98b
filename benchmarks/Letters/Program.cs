// Letter benchmark: a one-page reply drawn natively (PdfLetter) against the same title and paragraphs printed from HTML
// by Debian's Chromium (Chromium/PdfRenderer, as Document did before), and an annual report the same two ways (PdfReport
// against Chromium/HtmlReport), measured in the same run: the machine is noisy, compare the ratios. Also the memory each
// way takes: this process's RSS growth for the native letters, Chromium's process tree for the browser. Prints the
// figures and writes them as JSON (the first argument, default letters.json), with the report's two PDFs beside it.
// Run on purpose: ./build.sh bench, or dotnet run -c Release --project benchmarks/Letters

using Gongkai.Benchmarks.Letters;

var path = args.Length > 0 ? args[0] : "letters.json";
var results = await LetterBenchmark.RunAsync(Path.GetDirectoryName(Path.GetFullPath(path))!);
await File.WriteAllTextAsync(path, System.Text.Json.JsonSerializer.Serialize(results, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"Written to {Path.GetFullPath(path)}");
