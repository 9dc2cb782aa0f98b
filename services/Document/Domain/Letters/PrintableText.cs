using System.Text;
using Gongkai.ServiceDefaults.Validation;

namespace Gongkai.Document.Domain.Letters;

/// <summary>
/// What may be printed in a letter. The door refuses control characters, but a letter is built from many sources
/// (requests, templates, settings, rows stored before the door checked), and one U+0001 makes the DOCX invalid
/// XML: the letter is never issued. So every text of a letter passes through here once, when it is composed.
/// </summary>
public static class PrintableText
{
    /// <summary>
    /// <paramref name="text"/> without C0/C1 control characters (line feed and tab stay), bidi embedding, override
    /// and isolate characters (they make a letter read differently from what was typed), and what XML cannot hold:
    /// the byte-order mark, the noncharacters U+FFFE/U+FFFF and unpaired surrogates.
    /// </summary>
    public static string Clean(string text)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean?.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (IsUnprintable(c))
                clean ??= new StringBuilder(text.Length).Append(text, 0, i);
            else
                clean?.Append(c);
        }
        return clean?.ToString() ?? text;
    }

    // The door's rule (TextRules), and no carriage return: a letter's lines end in line feeds.
    private static bool IsUnprintable(char c) => c == '\r' || TextRules.IsForbidden(c);
}
