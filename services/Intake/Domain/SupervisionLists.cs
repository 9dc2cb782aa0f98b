using System.Runtime.InteropServices;
using System.Text;

namespace Gongkai.Intake.Domain;

/// <summary>Thresholds of the district supervisor's two lists (两张清单) and their alerts (configuration Intake:Supervision).</summary>
public sealed class SupervisionOptions
{
    public const string Section = "Intake:Supervision";

    /// <summary>Applications of one applicant across the supervised units in the range that make a key applicant (重点人群).</summary>
    public int KeyApplicantMinApplications { get; set; } = 5;

    /// <summary>Distinct applicants of one subject that make it a key subject (重点事项); a subject asked in two units or more is one anyway.</summary>
    public int KeySubjectMinApplicants { get; set; } = 3;

    /// <summary>The window of the short-term repeat alerts (same applicant; same subject at one unit), in calendar days.</summary>
    public int RepeatWindowDays { get; set; } = 30;

    /// <summary>Applications within the window that raise a repeat alert.</summary>
    public int RepeatMinApplications { get; set; } = 3;

    /// <summary>At most this many of the newest applications are clustered by subject: the comparison is quadratic at worst.</summary>
    public int MaxClusteredApplications { get; set; } = 5000;

    public bool IsValid() => KeyApplicantMinApplications >= 2 && KeySubjectMinApplicants >= 2 && RepeatWindowDays > 0
        && RepeatMinApplications >= 2 && MaxClusteredApplications is > 0 and <= 50_000;
}

/// <summary>
/// One application as the supervision lists see it: the unit, the date it counts by (legal receipt date, else the
/// registration date), the applicant's keyed hash only — never a name or an ID number. <see cref="Flagged"/>: Intake raised
/// the Art. 44 flag (several applicants, same subject) for it at registration. <see cref="CaseId"/>: Workflow's case, once opened.
/// </summary>
public sealed record SupervisedApplication(string Unit, Guid Id, string Number, DateOnly Date, string? ApplicantIndex,
    string Description = "", string? DocumentNumber = null, bool Flagged = false, Guid? CaseId = null);

/// <summary>
/// A link to one application of a supervised unit; with its case id the console opens the case read-only through Workflow's
/// supervision view (/api/workflow/supervision/units/{unit}/cases/{caseId}).
/// </summary>
public sealed record CaseLink(string Unit, Guid ApplicationId, string Number, DateOnly Date, Guid? CaseId);

public sealed record UnitCount(string Unit, int Count);

/// <summary>重点人群: a pseudonym, never the keyed hash, the ID number, the name, the phone or the address.</summary>
public sealed record KeyApplicant(string Label, int Total, int UnitCount, IReadOnlyList<UnitCount> Units, DateOnly First, DateOnly Last,
    IReadOnlyList<CaseLink> Applications);

/// <summary>重点事项: one subject (a cluster of similar requests) with who and where asked for it, and whether Art. 44 was flagged.</summary>
/// <param name="Conversions">Per unit, where its Art. 44 conversion of the subject stands (Publishing's); null when that could not be read.</param>
public sealed record KeySubject(string Description, int Applicants, int Total, int UnitCount, IReadOnlyList<UnitCount> Units, DateOnly First,
    DateOnly Last, bool Flagged, IReadOnlyList<string> FlaggedUnits, IReadOnlyList<CaseLink> Applications,
    IReadOnlyList<UnitConversion>? Conversions = null);

/// <summary>A unit's Art. 44 conversion of a subject: Open (待处理), Accepted (已转为主动公开) or Declined, or none raised.</summary>
public sealed record UnitConversion(string Unit, string? State, string StateLabel);

public enum SupervisionAlertKind
{
    /// <summary>An applicant reached the key-applicant threshold across the supervised units.</summary>
    KeyApplicant,
    /// <summary>The same applicant applied the threshold number of times within the window (any units).</summary>
    RepeatedByApplicant,
    /// <summary>A subject reached the key-subject threshold (several applicants or several units).</summary>
    KeySubject,
    /// <summary>One unit received the threshold number of requests for the same subject within the window (whoever asked).</summary>
    RepeatedAtUnit,
}

/// <summary>A threshold crossed: <see cref="Subject"/> is the applicant's pseudonym or the subject's description.</summary>
public sealed record SupervisionAlert(SupervisionAlertKind Kind, string KindLabel, string Message, string Subject, int Count,
    IReadOnlyList<string> Units, DateOnly First, DateOnly Last, IReadOnlyList<CaseLink> Applications);

/// <summary>
/// The district supervisor's two lists (两张清单) over the applications of every supervised unit: key applicants (重点人群),
/// matched across units by the blind index, and key subjects (重点事项), similar requests clustered with
/// <see cref="RepeatDetector.Similarity(string, string?, string, string?)"/>; and the alerts when thresholds are crossed.
/// Pure functions: the endpoint reads the units, these decide.
/// </summary>
public static class SupervisionLists
{
    /// <summary>Case links per entry: enough to open the cases, small enough for a list; the totals say how many there are.</summary>
    public const int MaxCaseLinks = 50;

    public const int MaxDescription = 100;

    /// <summary>Applicants with at least <paramref name="min"/> applications, the most first; applications without an applicant index cannot be matched and are left out.</summary>
    public static IReadOnlyList<KeyApplicant> KeyApplicants(IEnumerable<SupervisedApplication> applications, int min, Func<string, string> label) =>
        applications.Where(a => a.ApplicantIndex is not null)
            .GroupBy(a => a.ApplicantIndex!, StringComparer.Ordinal)
            .Where(g => g.Count() >= min)
            .Select(g =>
            {
                var all = g.ToList();
                var units = Units(all);
                return new KeyApplicant(label(g.Key), all.Count, units.Count, units, all.Min(a => a.Date), all.Max(a => a.Date), Links(all));
            })
            .OrderByDescending(k => k.Total).ThenByDescending(k => k.UnitCount).ThenBy(k => k.Label, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Greedy (leader) clustering, at worst O(n·clusters): applications are taken oldest first and each joins the most similar
    /// cluster whose first application it resembles at or above <paramref name="threshold"/> (the earlier cluster on a tie),
    /// or starts a new one. Comparing with the first application only keeps a chain of small rewordings from drifting into an
    /// unrelated subject, and makes the earliest request the cluster's representative. Each cluster lists its applications
    /// oldest first. <see cref="RepeatDetector.Similarity(string, string?, string, string?)"/> decides every join;
    /// <see cref="LeaderIndex"/> only spares it the pairs that cannot reach the threshold.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<SupervisedApplication>> Cluster(IEnumerable<SupervisedApplication> applications, double threshold)
    {
        var ordered = Oldest(applications).ToList();
        var clusters = new List<List<SupervisedApplication>>();
        var leaders = new LeaderIndex(ordered.Count);
        foreach (var application in ordered)
        {
            var text = LeaderIndex.Normalize(application.Description);
            var documentNumber = application.DocumentNumber is null ? null : LeaderIndex.Normalize(application.DocumentNumber);
            var best = -1;
            var bestSimilarity = 0.0;
            foreach (var i in leaders.Candidates(text, documentNumber, threshold))
            {
                var leader = clusters[i][0];
                var similarity = RepeatDetector.Similarity(application.Description, application.DocumentNumber, leader.Description, leader.DocumentNumber);
                if (similarity >= threshold && similarity > bestSimilarity)
                    (best, bestSimilarity) = (i, similarity);
            }
            if (best >= 0)
            {
                clusters[best].Add(application);
                continue;
            }
            leaders.Add(clusters.Count, text, documentNumber);
            clusters.Add([application]);
        }
        return clusters;
    }

    /// <summary>
    /// Clusters asked by at least <paramref name="minApplicants"/> distinct applicants, or in two units or more; the most
    /// asked first. Applications without an applicant index count towards the units and the total, not the applicants.
    /// </summary>
    public static IReadOnlyList<KeySubject> KeySubjects(IEnumerable<IReadOnlyList<SupervisedApplication>> clusters, int minApplicants) =>
        clusters.Select(Summarize)
            .Where(s => s.Applicants >= minApplicants || s.UnitCount >= 2)
            .OrderByDescending(s => s.Applicants).ThenByDescending(s => s.UnitCount).ThenByDescending(s => s.Total).ThenByDescending(s => s.Last)
            .ToList();

    public static KeySubject Summarize(IReadOnlyList<SupervisedApplication> cluster)
    {
        var units = Units(cluster);
        var earliest = Oldest(cluster).First();
        return new KeySubject(Trim(earliest.Description), DistinctApplicants(cluster), cluster.Count, units.Count, units,
            cluster.Min(a => a.Date), cluster.Max(a => a.Date), cluster.Any(a => a.Flagged),
            cluster.Where(a => a.Flagged).Select(a => a.Unit).Distinct().Order(StringComparer.Ordinal).ToList(), Links(cluster));
    }

    /// <summary>
    /// Every threshold crossed: key applicants and key subjects (the two lists), an applicant applying
    /// <see cref="SupervisionOptions.RepeatMinApplications"/> times within <see cref="SupervisionOptions.RepeatWindowDays"/> days
    /// (Art. 35 / 36(6) are for the unit to judge), and one unit receiving that many requests for one subject within the window.
    /// </summary>
    public static IReadOnlyList<SupervisionAlert> Alerts(IReadOnlyCollection<SupervisedApplication> applications,
        IReadOnlyList<IReadOnlyList<SupervisedApplication>> clusters, SupervisionOptions options, Func<string, string> label)
    {
        var alerts = new List<SupervisionAlert>();
        foreach (var k in KeyApplicants(applications, options.KeyApplicantMinApplications, label))
            alerts.Add(Alert(SupervisionAlertKind.KeyApplicant,
                $"{k.Label}于{k.First:yyyy-MM-dd}至{k.Last:yyyy-MM-dd}向{k.UnitCount}个单位共提出{k.Total}件申请，达到重点人群标准（{options.KeyApplicantMinApplications}件）。",
                k.Label, k.Total, k.Units, k.First, k.Last, k.Applications));

        foreach (var byApplicant in applications.Where(a => a.ApplicantIndex is not null).GroupBy(a => a.ApplicantIndex!, StringComparer.Ordinal))
        {
            if (DensestWindow(byApplicant, options.RepeatWindowDays) is not { Count: var count } window || count < options.RepeatMinApplications)
                continue;
            var name = label(byApplicant.Key);
            var units = Units(window);
            alerts.Add(Alert(SupervisionAlertKind.RepeatedByApplicant,
                $"{name}在{options.RepeatWindowDays}日内（{window[0].Date:yyyy-MM-dd}至{window[^1].Date:yyyy-MM-dd}）向{units.Count}个单位提出{count}件申请，"
                + "请相关单位研判是否属于重复或明显超过合理范围的申请（条例第三十五条、第三十六条第（六）项）。",
                name, count, units, window[0].Date, window[^1].Date, Links(window)));
        }

        foreach (var cluster in clusters)
        {
            var subject = Summarize(cluster);
            if (subject.Applicants >= options.KeySubjectMinApplicants || subject.UnitCount >= 2)
                alerts.Add(Alert(SupervisionAlertKind.KeySubject,
                    $"“{subject.Description}”有{subject.Applicants}名申请人在{subject.UnitCount}个单位共申请{subject.Total}件，"
                    + (subject.Flagged ? $"登记时已提示第四十四条转换（{string.Join("、", subject.FlaggedUnits)}）。" : "可研判是否依条例第四十四条转为主动公开。"),
                    subject.Description, subject.Total, subject.Units, subject.First, subject.Last, subject.Applications));
            foreach (var atUnit in cluster.GroupBy(a => a.Unit, StringComparer.Ordinal))
            {
                if (DensestWindow(atUnit, options.RepeatWindowDays) is not { Count: var count } window || count < options.RepeatMinApplications)
                    continue;
                alerts.Add(Alert(SupervisionAlertKind.RepeatedAtUnit,
                    $"{atUnit.Key}在{options.RepeatWindowDays}日内（{window[0].Date:yyyy-MM-dd}至{window[^1].Date:yyyy-MM-dd}）收到同一事项申请{count}件：“{subject.Description}”。",
                    subject.Description, count, [new UnitCount(atUnit.Key, count)], window[0].Date, window[^1].Date, Links(window)));
            }
        }
        return alerts.OrderBy(a => a.Kind).ThenByDescending(a => a.Count).ThenByDescending(a => a.Last).ToList();
    }

    public static string KindLabel(SupervisionAlertKind kind) => kind switch
    {
        SupervisionAlertKind.KeyApplicant => "重点人群",
        SupervisionAlertKind.RepeatedByApplicant => "短期内重复申请",
        SupervisionAlertKind.KeySubject => "重点事项",
        SupervisionAlertKind.RepeatedAtUnit => "同一机关短期内重复收到申请",
        _ => kind.ToString(),
    };

    /// <summary>
    /// The most applications within any <paramref name="days"/> consecutive calendar days (oldest first); on a tie the latest
    /// such window, which is the one the supervisor can still act on. Null for no applications.
    /// </summary>
    public static IReadOnlyList<SupervisedApplication>? DensestWindow(IEnumerable<SupervisedApplication> applications, int days)
    {
        var sorted = Oldest(applications).ToList();
        if (sorted.Count == 0)
            return null;
        var (bestStart, bestCount, start) = (0, 0, 0);
        for (var end = 0; end < sorted.Count; end++)
        {
            while (sorted[end].Date.DayNumber - sorted[start].Date.DayNumber >= days)
                start++;
            if (end - start + 1 >= bestCount)
                (bestStart, bestCount) = (start, end - start + 1);
        }
        return sorted.GetRange(bestStart, bestCount);
    }

    private static SupervisionAlert Alert(SupervisionAlertKind kind, string message, string subject, int count, IReadOnlyList<UnitCount> units,
        DateOnly first, DateOnly last, IReadOnlyList<CaseLink> applications) =>
        new(kind, KindLabel(kind), message, subject, count, units.Select(u => u.Unit).ToList(), first, last, applications);

    private static int DistinctApplicants(IEnumerable<SupervisedApplication> applications) =>
        applications.Select(a => a.ApplicantIndex).OfType<string>().Distinct(StringComparer.Ordinal).Count();

    private static List<UnitCount> Units(IEnumerable<SupervisedApplication> applications) =>
        applications.GroupBy(a => a.Unit, StringComparer.Ordinal).Select(g => new UnitCount(g.Key, g.Count()))
            .OrderByDescending(u => u.Count).ThenBy(u => u.Unit, StringComparer.Ordinal).ToList();

    private static List<CaseLink> Links(IEnumerable<SupervisedApplication> applications) =>
        applications.OrderByDescending(a => a.Date).ThenByDescending(a => a.Number, StringComparer.Ordinal).ThenBy(a => a.Unit, StringComparer.Ordinal)
            .Take(MaxCaseLinks).Select(a => new CaseLink(a.Unit, a.Id, a.Number, a.Date, a.CaseId)).ToList();

    private static IOrderedEnumerable<SupervisedApplication> Oldest(IEnumerable<SupervisedApplication> applications) =>
        applications.OrderBy(a => a.Date).ThenBy(a => a.Number, StringComparer.Ordinal).ThenBy(a => a.Unit, StringComparer.Ordinal);

    private static string Trim(string description)
    {
        var text = description.Trim();
        if (text.Length <= MaxDescription)
            return text;
        // Never cut a surrogate pair in half (a rare character outside the BMP in a place name).
        var cut = char.IsHighSurrogate(text[MaxDescription - 1]) ? MaxDescription - 1 : MaxDescription;
        return text[..cut] + "…";
    }

    /// <summary>
    /// The clusters' first applications, indexed by character bigram. Comparing every application with every cluster through
    /// RepeatDetector (normalising both texts each time) took half a minute for 5000 distinct requests. The index counts, for
    /// all leaders at once, how many bigrams an application can share with each — Σ min(count here, count there), the
    /// numerator of RepeatDetector's Dice — so only leaders that can reach the threshold are compared. Bigrams are hashed into
    /// 65 536 buckets to keep the index a flat array: a collision can only raise a count (min(a₁+a₂, b₁+b₂) ≥ min(a₁, b₁) +
    /// min(a₂, b₂)), never hide a match. Leaders with the same document number, and very short texts (RepeatDetector compares
    /// those for equality), are always candidates.
    /// </summary>
    private sealed class LeaderIndex(int capacity)
    {
        private const int BucketBits = 16;
        private readonly List<(int Leader, int Count)>?[] _postings = new List<(int Leader, int Count)>?[1 << BucketBits];
        private readonly Dictionary<string, List<int>> _byDocumentNumber = new(StringComparer.Ordinal);
        private readonly List<int> _short = [];
        private readonly List<int> _bigrams = [];
        private readonly int[] _shared = new int[capacity];

        public void Add(int leader, string text, string? documentNumber)
        {
            _bigrams.Add(Math.Max(0, text.Length - 1));
            if (text.Length < 2)
                _short.Add(leader);
            foreach (var (bucket, count) in Buckets(text))
                (_postings[bucket] ??= []).Add((leader, count));
            if (documentNumber is { Length: > 0 })
            {
                if (!_byDocumentNumber.TryGetValue(documentNumber, out var same))
                    _byDocumentNumber[documentNumber] = same = [];
                same.Add(leader);
            }
        }

        /// <summary>Leaders that may reach the threshold, in the order they were added.</summary>
        public List<int> Candidates(string text, string? documentNumber, double threshold)
        {
            var candidates = new HashSet<int>();
            if (documentNumber is { Length: > 0 } && _byDocumentNumber.TryGetValue(documentNumber, out var same))
                candidates.UnionWith(same);
            if (text.Length < 2)
                candidates.UnionWith(_short);
            else
            {
                var touched = new List<int>();
                foreach (var (bucket, count) in Buckets(text))
                {
                    if (_postings[bucket] is not { } postings)
                        continue;
                    foreach (var (leader, leaderCount) in CollectionsMarshal.AsSpan(postings))
                    {
                        if (_shared[leader] == 0)
                            touched.Add(leader);
                        _shared[leader] += Math.Min(count, leaderCount);
                    }
                }
                foreach (var leader in touched)
                {
                    // RepeatDetector's own formula over an upper bound of its numerator; its own answer decides.
                    if (2.0 * _shared[leader] / (text.Length - 1 + _bigrams[leader]) >= threshold)
                        candidates.Add(leader);
                    _shared[leader] = 0;
                }
            }
            var ordered = candidates.ToList();
            ordered.Sort();
            return ordered;
        }

        /// <summary>The text's bigrams as (bucket, occurrences), sorted: hashing and sorting need no dictionary per text.</summary>
        private static List<(int Bucket, int Count)> Buckets(string text)
        {
            var runs = new List<(int Bucket, int Count)>();
            if (text.Length < 2)
                return runs;
            var buckets = new int[text.Length - 1];
            for (var i = 0; i < buckets.Length; i++)
                buckets[i] = (int)((uint)((text[i] << 16) | text[i + 1]) * 2654435761u >> (32 - BucketBits)); // Fibonacci hashing
            Array.Sort(buckets);
            for (var i = 0; i < buckets.Length; i++)
            {
                if (runs.Count > 0 && runs[^1].Bucket == buckets[i])
                    runs[^1] = (buckets[i], runs[^1].Count + 1);
                else
                    runs.Add((buckets[i], 1));
            }
            return runs;
        }

        /// <summary>
        /// Must normalise exactly as RepeatDetector does (FormKC, letters and digits only, lower case), or a pair it would
        /// join could be skipped; the unit test comparing with plain pairwise clustering guards this.
        /// </summary>
        public static string Normalize(string value)
        {
            var builder = new StringBuilder(value.Length);
            foreach (var c in value.Normalize(NormalizationForm.FormKC))
                if (char.IsLetterOrDigit(c))
                    builder.Append(char.ToLowerInvariant(c));
            return builder.ToString();
        }
    }
}
