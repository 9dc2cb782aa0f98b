namespace Gongkai.ServiceDefaults.Validation;

/// <summary>
/// What free text may contain. Control characters (NUL above all) break PostgreSQL text columns and XML
/// documents, and bidirectional overrides let a file name or a name display differently from what it is.
/// Newline, carriage return and tab are ordinary in multi-line text and stay allowed.
/// </summary>
public static class TextRules
{
    /// <summary>The index of the first character that text may not contain, or -1.</summary>
    public static int IndexOfForbidden(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (IsForbidden(c))
                return i;
        }
        return -1;
    }

    public static bool IsForbidden(char c) => c switch
    {
        '\t' or '\n' or '\r' => false,
        < '\u0020' => true,                          // C0 controls, NUL included
        >= '\u007F' and <= '\u009F' => true,         // DEL and C1 controls
        >= '\u202A' and <= '\u202E' => true,         // bidi embeddings and overrides (U+202E: right-to-left override)
        >= '\u2066' and <= '\u2069' => true,         // bidi isolates
        '\uFEFF' or '\uFFFE' or '\uFFFF' => true,    // byte-order mark and non-characters
        _ => char.IsSurrogate(c),                    // a surrogate without its pair
    };

    /// <summary>The Chinese message for a person who typed (or pasted) <paramref name="text"/>, or null when it is fine.</summary>
    public static string? Problem(ReadOnlySpan<char> text)
    {
        var index = IndexOfForbidden(text);
        return index < 0 ? null : $"第 {index + 1} 个字符是不可见的控制字符（U+{(int)text[index]:X4}），请删除后重新填写。";
    }
}
