using System.Globalization;

namespace Gongkai.Document.Rendering;

/// <summary>
/// Breaks Chinese text into lines of a given width the way typesetters do (GB/T 15834 and common 避头尾 practice): a line
/// may end between any two Chinese characters; closing punctuation never starts a line and opening punctuation never
/// ends one (the character before is carried over with it); a run of Latin letters and digits (a number, a date, a
/// document number) is not split unless it is longer than a whole line. A line feed starts a new line.
/// </summary>
public static class LineBreaker
{
    private const string NoLineStart = "，。、；：？！）》」』】〕〉”’…—·％,.;:?!)]}%";
    private const string NoLineEnd = "（《「『【〔〈“‘([{";

    /// <summary>
    /// The lines of <paramref name="text"/>: the first is <paramref name="firstIndent"/> shorter (a paragraph's 2-character
    /// indent), <paramref name="advance"/> is one character's width (a surrogate pair counts as one character).
    /// </summary>
    public static IReadOnlyList<string> Break(string text, double width, double firstIndent, Func<string, double> advance)
    {
        var lines = new List<string>();
        foreach (var hardLine in text.Split('\n'))
            BreakHardLine(hardLine, width, lines.Count == 0 ? firstIndent : 0, advance, lines);
        return lines;
    }

    private static void BreakHardLine(string text, double width, double indent, Func<string, double> advance, List<string> lines)
    {
        var line = new List<string>();
        var lineWidth = 0.0;
        double Available() => width - (lines.Count == 0 ? indent : 0) + 0.01;

        void Flush()
        {
            while (line.Count > 1 && line[^1] == " ")
                line.RemoveAt(line.Count - 1);
            lines.Add(string.Concat(line));
            line.Clear();
            lineWidth = 0;
        }

        foreach (var word in Words(text))
        {
            var wordWidth = word.Sum(advance);
            if (line.Count > 0 && lineWidth + wordWidth > Available())
            {
                // Carry characters over so the new line does not start with closing punctuation and this one does not
                // end with opening punctuation; never carry the whole line.
                var carried = new List<string>();
                if (IsAny(word[0], NoLineStart) && line.Count > 1)
                    Carry(line, carried);
                while (line.Count > 1 && IsAny(line[^1], NoLineEnd))
                    Carry(line, carried);
                lineWidth = line.Sum(advance);
                Flush();
                if (word.Count == 1 && word[0] == " ")
                    continue; // a space at a break disappears
                line.AddRange(carried);
                lineWidth = carried.Sum(advance);
            }
            foreach (var character in word)
            {
                // A word longer than a whole line is broken where it must be.
                var characterWidth = advance(character);
                if (line.Count > 0 && lineWidth + characterWidth > Available())
                    Flush();
                line.Add(character);
                lineWidth += characterWidth;
            }
        }
        Flush();
    }

    private static void Carry(List<string> line, List<string> carried)
    {
        carried.Insert(0, line[^1]);
        line.RemoveAt(line.Count - 1);
    }

    private static bool IsAny(string character, string set) => character.Length == 1 && set.Contains(character[0]);

    /// <summary>The characters of <paramref name="text"/> as a reader sees them: a surrogate pair or a base with its marks is one.</summary>
    public static IEnumerable<string> Characters(string text)
    {
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
            yield return elements.GetTextElement();
    }

    /// <summary>Characters grouped into unbreakable words: a run of ASCII letters, digits and their punctuation, or one character.</summary>
    private static IEnumerable<List<string>> Words(string text)
    {
        List<string>? latin = null;
        foreach (var element in Characters(text))
        {
            if (element.Length == 1 && element[0] is > ' ' and < '\u007f')
            {
                (latin ??= []).Add(element);
                continue;
            }
            if (latin is not null)
            {
                yield return latin;
                latin = null;
            }
            yield return [element];
        }
        if (latin is not null)
            yield return latin;
    }
}
