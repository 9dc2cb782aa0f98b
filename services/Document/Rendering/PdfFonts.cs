using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Options;
using PdfSharp.Fonts;

namespace Gongkai.Document.Rendering;

/// <summary>One face of a font file: a .ttf, or one font of a .ttc collection (by index).</summary>
public sealed class FontFace
{
    public string File { get; set; } = "";
    public int Index { get; set; }

    /// <summary>Draw it bolder than the file is (the free Song face has no bold; a licensed 小标宋 needs none).</summary>
    public bool Embolden { get; set; }
}

/// <summary>
/// The faces letters and reports are set in (<c>Document:Pdf:Fonts</c>). GB/T 9704 asks for 仿宋_GB2312 body text, 方正小标宋
/// titles, 黑体 headings and 楷体 sub-headings; those are licensed, so the defaults are Debian's free TrueType faces (AR PL
/// UMing, a Song face, AR PL UKai and WenQuanYi Micro Hei) and a unit with licensed fonts points these at its files. TrueType outlines only: PDFsharp embeds
/// subsets of those as real CID fonts, with the text extractable (Noto CJK's CFF outlines would not embed).
/// </summary>
public sealed class PdfFontOptions
{
    public FontFace Body { get; set; } = new() { File = "/usr/share/fonts/truetype/arphic/uming.ttc" };
    public FontFace Title { get; set; } = new() { File = "/usr/share/fonts/truetype/arphic/uming.ttc", Embolden = true };
    public FontFace Hei { get; set; } = new() { File = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc" };
    public FontFace Kai { get; set; } = new() { File = "/usr/share/fonts/truetype/arphic/ukai.ttc" };

    /// <summary>
    /// Faces for characters a role's face lacks — rare characters in names and places (生僻字 such as 𠮷 or 𪚥 in CJK
    /// Extension B) — tried in order, character by character. None configured: <see cref="DefaultFallbacks"/>. A file
    /// that is not there is skipped (the character then prints as the face's empty box).
    /// </summary>
    public List<FontFace> Fallbacks { get; set; } = [];

    /// <summary>Every face the documents may be drawn in: the four roles and the fallbacks.</summary>
    public IEnumerable<FontFace> Faces => new[] { Body, Title, Hei, Kai }.Concat(Fallbacks.Count > 0 ? Fallbacks : DefaultFallbacks);

    /// <summary>Debian's HanaMin A and B (fonts-hanazono, TrueType), which between them cover CJK Extensions A to F.</summary>
    public static readonly FontFace[] DefaultFallbacks =
    [
        new() { File = "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf" },
        new() { File = "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf" },
    ];
}

/// <summary>A missing font file stops Document at start, not at its first letter or report (an outdated base image).</summary>
public sealed class PdfFontFilesExist : IValidateOptions<PdfFontOptions>
{
    public ValidateOptionsResult Validate(string? name, PdfFontOptions options) =>
        options.Faces.Select(f => f.File).Where(file => !System.IO.File.Exists(file)).Distinct().ToList() is { Count: > 0 } missing
            ? ValidateOptionsResult.Fail($"Font files missing: {string.Join(", ", missing)} (Debian packages fonts-arphic-uming, fonts-arphic-ukai, fonts-wqy-microhei and fonts-hanazono; ./build.sh installs them).")
            : ValidateOptionsResult.Success;
}

/// <summary>
/// PDFsharp's font resolver for the four roles and their fallbacks. PDFsharp keeps one resolver per process, so it is
/// installed once, with the configuration of whoever comes first (the service at startup, or a test). It also says
/// which face draws a character (<see cref="FamilyFor"/>); a fallback is only read when a character needs one.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Body = "gongkai-body";
    public const string Title = "gongkai-title";
    public const string Hei = "gongkai-hei";
    public const string Kai = "gongkai-kai";

    private static readonly Lock InstallLock = new();
    private readonly Dictionary<string, FontFace> _faces;
    private readonly ConcurrentDictionary<string, byte[]> _bytes = new();
    private readonly ConcurrentDictionary<string, FontCoverage> _coverage = new();
    private readonly string[] _fallbacks;

    private PdfFonts(PdfFontOptions options)
    {
        _faces = new() { [Body] = options.Body, [Title] = options.Title, [Hei] = options.Hei, [Kai] = options.Kai };
        var fallbacks = (options.Fallbacks.Count > 0 ? options.Fallbacks : [.. PdfFontOptions.DefaultFallbacks]).Where(f => System.IO.File.Exists(f.File)).ToList();
        _fallbacks = [.. fallbacks.Select((_, i) => $"gongkai-fallback-{i}")];
        for (var i = 0; i < fallbacks.Count; i++)
            _faces[_fallbacks[i]] = fallbacks[i];
    }

    /// <summary>The installed resolver; <see cref="Install"/> comes first.</summary>
    public static PdfFonts Installed => GlobalFontSettings.FontResolver as PdfFonts
        ?? throw new InvalidOperationException("PdfFonts.Install has not been called.");

    /// <summary>
    /// The face to draw <paramref name="character"/> (one text element) in: <paramref name="family"/> when it has the
    /// glyph, else the first fallback that has it, else <paramref name="family"/> (its empty box).
    /// </summary>
    public string FamilyFor(string family, string character)
    {
        if (character.Length == 0 || !_faces.ContainsKey(family))
            return family;
        var codePoint = Rune.DecodeFromUtf16(character, out var rune, out _) == OperationStatus.Done ? rune.Value : Rune.ReplacementChar.Value;
        if (Coverage(family).Covers(codePoint))
            return family;
        return _fallbacks.FirstOrDefault(fallback => Coverage(fallback).Covers(codePoint)) ?? family;
    }

    /// <summary>Whether the face is drawn bolder than its file (a fallback for it must be too).</summary>
    public bool Emboldens(string family) => _faces.TryGetValue(family, out var face) && face.Embolden;

    private FontCoverage Coverage(string family) => _coverage.GetOrAdd(family, f => FontCoverage.Read(GetFont(f)!));

    public static void Install(PdfFontOptions options)
    {
        lock (InstallLock)
        {
            if (GlobalFontSettings.FontResolver is not PdfFonts)
                GlobalFontSettings.FontResolver = new PdfFonts(options);
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        _faces.TryGetValue(familyName, out var face) ? new FontResolverInfo(familyName, face.Embolden || bold, false) : null;

    public byte[]? GetFont(string faceName) =>
        _faces.TryGetValue(faceName, out var face) ? _bytes.GetOrAdd(faceName, _ => Load(face)) : null;

    private static byte[] Load(FontFace face)
    {
        if (!System.IO.File.Exists(face.File))
            throw new InvalidOperationException($"Font file {face.File} is missing (Debian packages fonts-arphic-uming, fonts-arphic-ukai and fonts-wqy-microhei; ./build.sh installs them).");
        return FontCollection.Extract(System.IO.File.ReadAllBytes(face.File), face.Index);
    }
}

/// <summary>Takes one font out of a TrueType collection (.ttc) as a standalone font file; PDFsharp reads only those.</summary>
public static class FontCollection
{
    private const uint CollectionTag = 0x74746366; // 'ttcf'

    public static byte[] Extract(byte[] file, int index)
    {
        var source = file.AsSpan();
        if (BinaryPrimitives.ReadUInt32BigEndian(source) != CollectionTag)
            return file;
        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(source[8..]);
        if (index < 0 || index >= count)
            throw new ArgumentOutOfRangeException(nameof(index), $"The collection has {count} fonts.");
        var fontOffset = (int)BinaryPrimitives.ReadUInt32BigEndian(source[(12 + 4 * index)..]);
        var tableCount = BinaryPrimitives.ReadUInt16BigEndian(source[(fontOffset + 4)..]);
        var tables = new (int Offset, int Length)[tableCount];
        for (var i = 0; i < tableCount; i++)
        {
            var record = source[(fontOffset + 12 + 16 * i)..];
            tables[i] = ((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
        }

        // The same table directory, with each table copied after it (4-byte aligned) and its offset rewritten.
        var headerLength = 12 + 16 * tableCount;
        var font = new byte[headerLength + tables.Sum(t => Padded(t.Length))];
        source.Slice(fontOffset, headerLength).CopyTo(font);
        var position = headerLength;
        for (var i = 0; i < tableCount; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(12 + 16 * i + 8), (uint)position);
            source.Slice(tables[i].Offset, tables[i].Length).CopyTo(font.AsSpan(position));
            position += Padded(tables[i].Length);
        }
        return font;
    }

    private static int Padded(int length) => (length + 3) & ~3;
}
