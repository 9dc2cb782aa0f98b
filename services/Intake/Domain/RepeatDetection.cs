using System.Text;

namespace Gongkai.Intake.Domain;

public sealed class RepeatDetectionOptions
{
    /// <summary>How far back earlier applications of the same unit are compared.</summary>
    public int WindowDays { get; set; } = 365;

    /// <summary>Dice similarity of the descriptions' character bigrams at or above which two requests count as the same subject.</summary>
    public double SimilarityThreshold { get; set; } = 0.7;

    /// <summary>Distinct applicants (this one included) asking for one subject before it is an Art. 44 candidate.</summary>
    public int MinApplicantsForSameSubject { get; set; } = 2;

    /// <summary>At most this many recent applications are compared, so a busy unit's registration stays fast.</summary>
    public int MaxCandidates { get; set; } = 1000;
}

/// <summary>An earlier application of the unit, as repeat detection sees it: no personal data, only the applicant's keyed hash.</summary>
public sealed record RepeatCandidate(Guid Id, string Number, string? ApplicantIndex, string Description, string? DocumentNumber);

public sealed record DetectedFlag(FlagKind Kind, IReadOnlyList<string> RelatedApplicationNumbers, double Similarity);

/// <summary>
/// Flags, never blocks: the same applicant asking again for similar information (Art. 35 excessive or
/// Art. 36(6) repeated requests are for staff to judge), and several applicants asking for the same
/// information (Art. 44: the unit may publish it proactively).
/// </summary>
public static class RepeatDetector
{
    public static IReadOnlyList<DetectedFlag> Detect(string applicantIndex, string description, string? documentNumber,
        IEnumerable<RepeatCandidate> earlier, RepeatDetectionOptions options)
    {
        var own = new List<(RepeatCandidate Candidate, double Similarity)>();
        var others = new List<(RepeatCandidate Candidate, double Similarity)>();
        foreach (var candidate in earlier)
        {
            if (candidate.ApplicantIndex is null)
                continue; // registered before applicants were identified: cannot tell whose it is
            var similarity = Similarity(description, documentNumber, candidate.Description, candidate.DocumentNumber);
            if (similarity < options.SimilarityThreshold)
                continue;
            (candidate.ApplicantIndex == applicantIndex ? own : others).Add((candidate, similarity));
        }

        var flags = new List<DetectedFlag>();
        if (own.Count > 0)
            flags.Add(new DetectedFlag(FlagKind.RepeatedByApplicant, Numbers(own), own.Max(x => x.Similarity)));
        var applicants = others.Select(x => x.Candidate.ApplicantIndex).Distinct().Count() + 1;
        if (others.Count > 0 && applicants >= options.MinApplicantsForSameSubject)
            flags.Add(new DetectedFlag(FlagKind.SameSubjectSeveralApplicants, Numbers(others), others.Max(x => x.Similarity)));
        return flags;
    }

    // The most similar first, then the newest; a flag lists at most 20 so events stay small.
    private static string[] Numbers(List<(RepeatCandidate Candidate, double Similarity)> matches) =>
        matches.OrderByDescending(x => x.Similarity).ThenByDescending(x => x.Candidate.Number, StringComparer.Ordinal)
            .Take(20).Select(x => x.Candidate.Number).ToArray();

    /// <summary>The same document number (文号) is the same information; otherwise the descriptions' similarity.</summary>
    public static double Similarity(string description, string? documentNumber, string otherDescription, string? otherDocumentNumber)
    {
        if (documentNumber is not null && otherDocumentNumber is not null && Normalize(documentNumber) is { Length: > 0 } number
            && number == Normalize(otherDocumentNumber))
            return 1.0;
        return Similarity(description, otherDescription);
    }

    /// <summary>
    /// Sørensen–Dice coefficient of character bigrams after normalisation (full-width to half-width, case,
    /// punctuation and spaces removed). Chinese has no spaces, so bigrams work where word splitting would not.
    /// </summary>
    public static double Similarity(string a, string b)
    {
        var x = Normalize(a);
        var y = Normalize(b);
        if (x.Length < 2 || y.Length < 2)
            return x == y && x.Length > 0 ? 1.0 : 0.0;
        var bigrams = new Dictionary<(char, char), int>();
        for (var i = 0; i < x.Length - 1; i++)
            bigrams[(x[i], x[i + 1])] = bigrams.GetValueOrDefault((x[i], x[i + 1])) + 1;
        var shared = 0;
        for (var i = 0; i < y.Length - 1; i++)
        {
            var key = (y[i], y[i + 1]);
            if (bigrams.TryGetValue(key, out var count) && count > 0)
            {
                bigrams[key] = count - 1;
                shared++;
            }
        }
        return 2.0 * shared / (x.Length - 1 + y.Length - 1);
    }

    private static string Normalize(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Normalize(NormalizationForm.FormKC))
            if (char.IsLetterOrDigit(c))
                builder.Append(char.ToLowerInvariant(c));
        return builder.ToString();
    }
}
