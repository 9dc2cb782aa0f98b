using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Gongkai.Document.Rendering;

/// <summary>
/// PDFsharp 6.2 writes the text of a character outside the basic plane (𠮷 is U+20BB7) into a font's ToUnicode map as
/// its code point in hex, <c>&lt;20BB7&gt;</c>, where the map needs UTF-16, <c>&lt;D842DFB7&gt;</c>: the glyph prints
/// right, but copying, searching and screen readers get another character. A document that drew such a character is
/// read back and its maps mended; every other document is left as PDFsharp wrote it.
/// </summary>
public static partial class SupplementaryPlaneText
{
    public static bool Contains(string text) => text.Any(char.IsSurrogate);

    public static byte[] Mend(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Modify);
        var mended = false;
        foreach (var map in document.Internals.GetAllObjects().OfType<PdfDictionary>()
            .Select(font => font.Elements.GetDictionary("/ToUnicode")).OfType<PdfDictionary>().Distinct())
        {
            var text = Encoding.ASCII.GetString(map.Stream.UnfilteredValue);
            var utf16 = CodePoint().Replace(text, m =>
                $"<{Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(char.ConvertFromUtf32(int.Parse(m.Groups[1].Value, NumberStyles.HexNumber))))}>");
            if (utf16 == text)
                continue;
            map.Elements.Remove("/Filter");
            map.Elements.Remove("/DecodeParms");
            map.Stream.Value = Encoding.ASCII.GetBytes(utf16);
            mended = true;
        }
        if (!mended)
            return pdf;
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    // Only a code point past U+FFFF has five or six hex digits; source codes (glyph ids) and UTF-16 units have four.
    [GeneratedRegex("<(10[0-9A-Fa-f]{4}|[1-9A-Fa-f][0-9A-Fa-f]{4})>")]
    private static partial Regex CodePoint();
}
