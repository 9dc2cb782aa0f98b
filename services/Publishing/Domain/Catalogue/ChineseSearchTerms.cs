using System.Globalization;
using System.Text;

namespace Gongkai.Publishing.Domain.Catalogue;

/// <summary>
/// The catalogue's search terms. Chinese has no spaces between words and two-character words (资金, 拨付, 低保) are the
/// commonest, so an item is indexed by the overlapping character pairs (bigrams) of its normalised text, and a query
/// matches when the item holds all of the query's bigrams; the normalised text is kept too, to confirm the query occurs
/// as one run (bigrams alone would also match 资金…金拨). A one-character query has no bigram and is matched by a scan.
/// Normalising: NFKC (full-width Ａ１ to A1, compatibility ideographs), lower-case, and every character that is not a
/// letter or digit dropped (punctuation, spaces, symbols), so 《资金 拨付》 finds 资金拨付.
/// </summary>
public static class ChineseSearchTerms
{
    /// <summary>More bigrams than this from one item are dropped (a very long body); the text is still confirmed by scan.</summary>
    public const int MaxTerms = 4000;

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var result = new StringBuilder(normalized.Length);
        foreach (var rune in normalized.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsLetterOrDigit(rune) || category is UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber)
                result.Append(Rune.ToLowerInvariant(rune).ToString());
        }
        return result.ToString();
    }

    /// <summary>The distinct bigrams of the normalised text (a single character for a one-character text), in first-seen order.</summary>
    public static IReadOnlyList<string> Terms(string? text, int max = MaxTerms)
    {
        var runes = Normalize(text).EnumerateRunes().Select(r => r.ToString()).ToList();
        if (runes.Count == 1)
            return runes;
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < runes.Count && terms.Count < max; i++)
        {
            var bigram = runes[i] + runes[i + 1];
            if (seen.Add(bigram))
                terms.Add(bigram);
        }
        return terms;
    }

    /// <summary>The terms of an item: its title, summary, keywords and body text, each on its own (no bigram across fields).</summary>
    public static IReadOnlyList<string> ForItem(params string?[] fields)
    {
        var all = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
            foreach (var term in Terms(field))
                if (all.Count < MaxTerms && seen.Add(term))
                    all.Add(term);
        return all;
    }

    /// <summary>The text a query is confirmed against with strpos: the normalised fields joined by a separator no query can contain.</summary>
    public static string SearchText(params string?[] fields) => string.Join(" ", fields.Select(Normalize).Where(f => f.Length > 0));
}
