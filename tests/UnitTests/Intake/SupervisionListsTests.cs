using Gongkai.Intake.Domain;

namespace Gongkai.UnitTests.Intake;

public class SupervisionListsTests
{
    private static readonly double Threshold = new RepeatDetectionOptions().SimilarityThreshold;
    private static readonly SupervisionOptions Options = new();
    private static readonly DateOnly Day = new(2026, 3, 2);
    private const string TownA = "510116-a";
    private const string TownB = "510116-b";
    private const string Land = "东升街道12号地块集体土地征收补偿安置方案";
    private const string Budget = "2025年老旧小区改造资金拨付文件";
    private const string Roads = "街道办事处领导班子分工通知";

    private static int _number;

    private static SupervisedApplication App(string unit, string? applicant, int day = 0, string description = Land, string? documentNumber = null,
        bool flagged = false) =>
        new(unit, Guid.NewGuid(), $"{unit}-2026-{Interlocked.Increment(ref _number):D5}", Day.AddDays(day), applicant, description, documentNumber, flagged);

    private static string Label(string index) => $"申请人-{index.ToUpperInvariant()}";

    // ---- 重点人群 ----

    [Fact]
    public void A_key_applicant_is_matched_across_units_by_the_blind_index_and_counted_per_unit()
    {
        var applications = new[]
        {
            App(TownA, "p1", 0), App(TownA, "p1", 1), App(TownA, "p1", 2), App(TownB, "p1", 3), App(TownB, "p1", 4),
            App(TownA, "p2", 0), App(TownB, "p2", 1), App(TownB, "p2", 2), App(TownB, "p2", 3),
            App(TownA, null, 5), App(TownA, null, 6), App(TownA, null, 7), App(TownA, null, 8), App(TownA, null, 9),
        };

        var key = Assert.Single(SupervisionLists.KeyApplicants(applications, min: 5, Label));

        Assert.Equal("申请人-P1", key.Label);
        Assert.Equal(5, key.Total);
        Assert.Equal(2, key.UnitCount);
        Assert.Equal([new UnitCount(TownA, 3), new UnitCount(TownB, 2)], key.Units);
        Assert.Equal((Day, Day.AddDays(4)), (key.First, key.Last));
        Assert.Equal(applications.Take(5).Reverse().Select(a => a.Id), key.Applications.Select(l => l.ApplicationId)); // newest first
        Assert.All(key.Applications, l => Assert.StartsWith(l.Unit, l.Number));
    }

    [Fact]
    public void Key_applicants_come_most_applications_first_and_list_at_most_fifty_cases()
    {
        var applications = Enumerable.Range(0, 60).Select(i => App(i % 2 == 0 ? TownA : TownB, "busy", i))
            .Concat(Enumerable.Range(0, 4).Select(i => App(TownA, "quiet", i)))
            .ToList();

        var keys = SupervisionLists.KeyApplicants(applications, min: 4, Label);

        Assert.Equal(["申请人-BUSY", "申请人-QUIET"], keys.Select(k => k.Label));
        Assert.Equal(60, keys[0].Total);
        Assert.Equal(SupervisionLists.MaxCaseLinks, keys[0].Applications.Count);
        Assert.Equal(Day.AddDays(59), keys[0].Applications[0].Date);
        Assert.Empty(SupervisionLists.KeyApplicants(applications, min: 61, Label));
    }

    [Fact]
    public void Nothing_of_a_key_applicant_carries_the_blind_index()
    {
        const string index = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        var applications = Enumerable.Range(0, 5).Select(i => App(TownA, index, i)).ToList();
        var key = Assert.Single(SupervisionLists.KeyApplicants(applications, 5, _ => "申请人-0A1B2C3D"));
        Assert.DoesNotContain(index, key.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(index, string.Join("|", key.Applications), StringComparison.OrdinalIgnoreCase);
    }

    // ---- 重点事项 ----

    [Fact]
    public void Similar_requests_cluster_together_and_the_earliest_is_the_representative()
    {
        var clusters = SupervisionLists.Cluster(
        [
            App(TownB, "p2", 3, Land + "的文件"),
            App(TownA, "p1", 1, Land),
            App(TownA, "p3", 2, Roads),
            App(TownB, "p4", 5, "东升街道12号地块集体土地征收补偿安置方案。"),
            App(TownA, "p5", 6, Budget),
        ], Threshold);

        Assert.Equal(3, clusters.Count);
        var land = clusters[0];
        Assert.Equal([Land, Land + "的文件", "东升街道12号地块集体土地征收补偿安置方案。"], land.Select(a => a.Description));
        Assert.Equal(Land, SupervisionLists.Summarize(land).Description);
        Assert.Equal([Roads], clusters[1].Select(a => a.Description));
    }

    [Fact]
    public void The_same_document_number_is_one_subject_however_differently_described()
    {
        var clusters = SupervisionLists.Cluster(
        [
            App(TownA, "p1", 0, "关于印发实施方案的通知", "双府发〔2025〕12号"),
            App(TownB, "p2", 1, "那份文件，全文", "双府发(2025)12号"),
        ], Threshold);
        Assert.Equal(2, Assert.Single(clusters).Count);
    }

    [Fact]
    public void A_key_subject_has_several_applicants_or_several_units()
    {
        var clusters = SupervisionLists.Cluster(
        [
            // Three applicants in one unit.
            App(TownA, "p1", 0, Land), App(TownA, "p2", 1, Land), App(TownA, "p3", 2, Land),
            // Two applicants, but in two units.
            App(TownA, "p1", 0, Budget), App(TownB, "p4", 1, Budget),
            // Two applicants in one unit, and one applicant asking three times (and once without an identified applicant): neither.
            App(TownA, "p1", 0, Roads), App(TownA, "p2", 1, Roads),
            App(TownB, "p9", 0, "区级部门三公经费决算说明"), App(TownB, "p9", 1, "区级部门三公经费决算说明"), App(TownB, "p9", 2, "区级部门三公经费决算说明"),
            App(TownB, null, 3, "区级部门三公经费决算说明"),
        ], Threshold);

        var subjects = SupervisionLists.KeySubjects(clusters, minApplicants: 3);

        Assert.Equal([Land, Budget], subjects.Select(s => s.Description));
        Assert.Equal((3, 1, 3), (subjects[0].Applicants, subjects[0].UnitCount, subjects[0].Total));
        Assert.Equal((2, 2), (subjects[1].Applicants, subjects[1].UnitCount));
        Assert.Equal([TownA, TownB], subjects[1].Units.Select(u => u.Unit).Order());
        Assert.Equal((Day, Day.AddDays(1)), (subjects[1].First, subjects[1].Last));
        // With a lower threshold the two-applicant subject of one unit is one too; one person asking again never is.
        Assert.Equal(3, SupervisionLists.KeySubjects(clusters, minApplicants: 2).Count);
    }

    [Fact]
    public void A_key_subject_says_whether_and_where_Intake_flagged_it_for_Art_44()
    {
        var flagged = SupervisionLists.Summarize([App(TownA, "p1", 0), App(TownB, "p2", 1, flagged: true), App(TownA, "p3", 2, flagged: true)]);
        Assert.True(flagged.Flagged);
        Assert.Equal([TownA, TownB], flagged.FlaggedUnits);
        Assert.False(SupervisionLists.Summarize([App(TownA, "p1", 0), App(TownB, "p2", 1)]).Flagged);
    }

    [Fact]
    public void The_representative_description_is_trimmed_to_a_hundred_characters()
    {
        var subject = SupervisionLists.Summarize([App(TownA, "p1", 0, new string('征', 150)), App(TownB, "p2", 1, new string('征', 150))]);
        Assert.Equal(new string('征', SupervisionLists.MaxDescription) + "…", subject.Description);
    }

    [Fact]
    public void Skipping_pairs_whose_lengths_cannot_reach_the_threshold_changes_no_cluster()
    {
        // Descriptions of many lengths sharing a stem, full-width and Latin letters, punctuation, a few document numbers and
        // one-character texts: the index must never skip a pair that RepeatDetector would join.
        var random = new Random(7);
        var words = new[] { "征收", "补偿", "安置", "方案", "地块", "集体", "土地", "文件", "通知", "决算", "资金", "拨付", "２０２５年", "ＡＢＣ", "abc", "（一）", "。", " " };
        var numbers = new[] { null, null, null, null, "双府发〔2025〕12号", "双府发(2025)12号", "川府办发〔2024〕3号" };
        var applications = Enumerable.Range(0, 400).Select(i =>
            App(i % 3 == 0 ? TownA : TownB, $"p{random.Next(40)}", random.Next(90),
                i % 50 == 0 ? "征" : "东升街道" + string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => words[random.Next(words.Length)])),
                numbers[random.Next(numbers.Length)])).ToList();

        var clusters = SupervisionLists.Cluster(applications, Threshold);

        Assert.Equal(NaiveClusters(applications), clusters.Select(c => c.Select(a => a.Id).ToList()).ToList());
        Assert.Equal(applications.Count, clusters.Sum(c => c.Count));
        Assert.InRange(clusters.Count(c => c.Count > 1), 10, applications.Count / 2); // the data does join, and not into one heap
    }

    /// <summary>The same greedy clustering without any shortcut: every application against every cluster's first.</summary>
    private static List<List<Guid>> NaiveClusters(IEnumerable<SupervisedApplication> applications)
    {
        var clusters = new List<List<SupervisedApplication>>();
        foreach (var a in applications.OrderBy(a => a.Date).ThenBy(a => a.Number, StringComparer.Ordinal).ThenBy(a => a.Unit, StringComparer.Ordinal))
        {
            var scored = clusters.Select((c, i) => (Index: i, Similarity: RepeatDetector.Similarity(a.Description, a.DocumentNumber, c[0].Description, c[0].DocumentNumber)))
                .Where(x => x.Similarity >= Threshold).OrderByDescending(x => x.Similarity).ThenBy(x => x.Index).ToList();
            if (scored.Count == 0)
                clusters.Add([a]);
            else
                clusters[scored[0].Index].Add(a);
        }
        return clusters.Select(c => c.Select(a => a.Id).ToList()).ToList();
    }

    // ---- 预警 ----

    [Fact]
    public void The_densest_window_counts_calendar_days_inclusive()
    {
        var applications = new[] { App(TownA, "p1", 0), App(TownB, "p1", 20), App(TownA, "p1", 29), App(TownA, "p1", 30) };
        var window = SupervisionLists.DensestWindow(applications, days: 30)!;
        // Day 0 to day 29 is thirty days; day 30 is the thirty-first. On a tie the latest window wins.
        Assert.Equal([20, 29, 30], window.Select(a => a.Date.DayNumber - Day.DayNumber));
        Assert.Equal(3, SupervisionLists.DensestWindow(applications.Take(3), 30)!.Count);
        Assert.Null(SupervisionLists.DensestWindow([], 30));
    }

    [Fact]
    public void Alerts_name_each_threshold_crossed_in_Chinese()
    {
        var applications = new List<SupervisedApplication>
        {
            // p1: five applications in two units (key applicant), three of them within 30 days (repeat).
            App(TownA, "p1", 0, Land), App(TownA, "p1", 10, Land), App(TownA, "p1", 20, Land), App(TownB, "p1", 60, Budget), App(TownB, "p1", 100, Roads),
            // Land asked by two more people in town A: a key subject, and town A received it five times within 30 days.
            App(TownA, "p2", 21, Land), App(TownA, "p3", 22, Land, flagged: true),
            // p4 twice: nothing.
            App(TownB, "p4", 0, "区级部门三公经费决算说明"), App(TownB, "p4", 40, "区级部门三公经费决算说明"),
        };
        var clusters = SupervisionLists.Cluster(applications, Threshold);

        var alerts = SupervisionLists.Alerts(applications, clusters, Options, Label);

        Assert.Equal(
            [SupervisionAlertKind.KeyApplicant, SupervisionAlertKind.RepeatedByApplicant, SupervisionAlertKind.KeySubject, SupervisionAlertKind.RepeatedAtUnit],
            alerts.Select(a => a.Kind));
        Assert.All(alerts, a => Assert.Equal(SupervisionLists.KindLabel(a.Kind), a.KindLabel));
        Assert.All(alerts, a => Assert.Matches("[\u4e00-\u9fff]", a.Message));
        Assert.All(alerts, a => Assert.DoesNotContain("p1", a.Message));

        var key = alerts[0];
        Assert.Equal(("申请人-P1", 5, "重点人群"), (key.Subject, key.Count, key.KindLabel));
        Assert.Contains("2个单位共提出5件申请", key.Message);
        var repeat = alerts[1];
        Assert.Equal(3, repeat.Count);
        Assert.Equal([TownA], repeat.Units);
        Assert.Contains("30日内", repeat.Message);
        var subject = alerts[2];
        Assert.Equal((Land, 5), (subject.Subject, subject.Count));
        Assert.Contains("第四十四条", subject.Message);
        Assert.Contains(TownA, subject.Message); // flagged there at registration
        var atUnit = alerts[3];
        Assert.Equal((5, TownA), (atUnit.Count, Assert.Single(atUnit.Units)));
        Assert.Equal([22, 21, 20, 10, 0], atUnit.Applications.Select(l => l.Date.DayNumber - Day.DayNumber));
    }

    [Fact]
    public void Below_every_threshold_there_is_no_alert()
    {
        var applications = new List<SupervisedApplication> { App(TownA, "p1", 0, Land), App(TownA, "p1", 31, Land), App(TownA, "p2", 62, Budget) };
        Assert.Empty(SupervisionLists.Alerts(applications, SupervisionLists.Cluster(applications, Threshold), Options, Label));
    }

    [Fact]
    public void The_default_thresholds_are_the_supervision_rules()
    {
        Assert.Equal((5, 3, 30, 3), (Options.KeyApplicantMinApplications, Options.KeySubjectMinApplicants, Options.RepeatWindowDays, Options.RepeatMinApplications));
        Assert.True(Options.IsValid());
        Assert.False(new SupervisionOptions { KeySubjectMinApplicants = 1 }.IsValid());
    }
}
