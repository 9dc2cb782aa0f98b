using Gongkai.Contracts;
using Gongkai.Publishing.Domain.AnnualReports;
using Gongkai.Publishing.Domain.Supervision;

namespace Gongkai.UnitTests.Publishing;

public class SupervisionTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static WorkingDayHistogram Replies(params int[] workingDays) =>
        WorkingDayHistogram.From(workingDays.Select(d => (d, 1L)));

    /// <summary>A unit's figures: closed cases on time / late, the replies' working days, and the few other counts the rules read.</summary>
    private static UnitIndicators Unit(string code, long onTime, long late, int[]? replyDays = null, long overdueOpen = 0,
        long itemsOnTime = 0, long itemsLate = 0, long emptyObligations = 0, long appealsCorrected = 0, ReportDeadlineState? annualReport = null)
    {
        var histogram = Replies(replyDays ?? [.. Enumerable.Repeat(5, (int)(onTime + late))]);
        var cases = new CaseFigures(onTime + late + overdueOpen, onTime + late, onTime, late, 0, 0, 0, overdueOpen, histogram);
        var other = new OtherFigures(appealsCorrected, appealsCorrected, itemsOnTime, itemsLate, emptyObligations, annualReport);
        return new UnitIndicators(code, "单位" + code, "2026-11", cases, other);
    }

    private static readonly IReadOnlyDictionary<string, int> NoSpotChecks = new Dictionary<string, int>();

    /// <summary>A district's own rubric, fixed here so the hand-computed scores do not move with the shipped default.</summary>
    private static readonly ScoringRules Rubric = new(
        [
            new(ScoredIndicator.OnTimeRate, ScoringMethod.Proportional, 40),
            new(ScoredIndicator.Percentile90WorkingDays, ScoringMethod.AtMost, 10, Threshold: 15),
            new(ScoredIndicator.OverdueOpen, ScoringMethod.Deduct, 20, PerUnit: 5),
            new(ScoredIndicator.ItemsOnTimeRate, ScoringMethod.Proportional, 15),
            new(ScoredIndicator.EmptyObligations, ScoringMethod.Deduct, 5, PerUnit: 1),
            new(ScoredIndicator.SpotCheckProblems, ScoringMethod.Deduct, 10, PerUnit: 2),
        ],
        [new(ScoredIndicator.AppealsCorrected, 0), new(ScoredIndicator.AnnualReportLate, 0)],
        RedListMinScore: 95, BlackListBelowScore: 60);

    // ---- ReportingPeriod ------------------------------------------------------------------------

    [Fact]
    public void A_month_runs_from_its_first_to_its_last_day()
    {
        var p = ReportingPeriod.TryParse("2026-11", Today, out _)!;

        Assert.Equal((PeriodKind.Month, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), (p.Kind, p.From, p.To));
        Assert.Equal("2026年11月", p.Label);
        Assert.Equal("2026-11", p.Code);
    }

    [Fact]
    public void A_quarter_runs_over_its_three_months()
    {
        var p = ReportingPeriod.TryParse("2026-Q4", Today, out _)!;

        Assert.Equal((PeriodKind.Quarter, new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)), (p.Kind, p.From, p.To));
        Assert.Equal("2026年第四季度", p.Label);
        Assert.Equal(["2026-10", "2026-11", "2026-12"], p.Months().Select(m => m.Code));
        Assert.Equal(new DateOnly(2026, 6, 30), ReportingPeriod.TryParse("2026-Q2", Today, out _)!.To);
    }

    [Fact]
    public void A_year_is_the_calendar_year()
    {
        var p = ReportingPeriod.TryParse("2026", Today, out _)!;

        Assert.Equal((PeriodKind.Year, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), (p.Kind, p.From, p.To));
        Assert.Equal("2026年", p.Label);
        Assert.Equal(12, p.Months().Count());
        Assert.Equal(["2026-11"], ReportingPeriod.TryParse("2026-11", Today, out _)!.Months().Select(m => m.Code));
    }

    [Fact]
    public void February_of_a_leap_year_ends_on_the_29th()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), ReportingPeriod.TryParse("2024-02", Today, out _)!.To);
        Assert.Equal(new DateOnly(2026, 2, 28), ReportingPeriod.TryParse("2026-02", Today, out _)!.To);
    }

    [Fact]
    public void Next_year_is_accepted_the_year_after_is_not()
    {
        Assert.NotNull(ReportingPeriod.TryParse("2027", Today, out _));
        Assert.Null(ReportingPeriod.TryParse("2028", Today, out var error));
        Assert.Equal("年份应在 2000 至 2027 之间。", error);
        Assert.Null(ReportingPeriod.TryParse("1999", Today, out error));
        Assert.Equal("年份应在 2000 至 2027 之间。", error);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-Q5")]
    [InlineData("2026-Q0")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("2026/11")]
    [InlineData("2026-1")]
    [InlineData("26-11")]
    [InlineData("２０２６")]          // full-width digits
    [InlineData("２０２６-１１")]
    public void Anything_else_is_refused_with_a_Chinese_reason(string text)
    {
        Assert.Null(ReportingPeriod.TryParse(text, Today, out var error));
        Assert.Equal("期间格式应为 2026-11（月）、2026-Q4（季度）或 2026（年）。", error);
    }

    [Fact]
    public void A_period_ends_after_its_last_day()
    {
        var november = ReportingPeriod.TryParse("2026-11", Today, out _)!;
        Assert.False(november.HasEnded(new DateOnly(2026, 11, 30)));
        Assert.True(november.HasEnded(new DateOnly(2026, 12, 1)));
    }

    // ---- WorkingDayHistogram --------------------------------------------------------------------

    [Fact]
    public void Ten_replies_of_1_to_10_days_average_5_5_and_90_percent_took_at_most_9()
    {
        var h = Replies(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

        Assert.Equal(10, h.Total);
        Assert.Equal(5.5, h.Average);
        Assert.Equal(9, h.Percentile90); // nearest rank: ⌈0.9 × 10⌉ = 9th reply
    }

    [Fact]
    public void The_90th_percentile_is_the_nearest_rank_not_an_interpolation()
    {
        // 9 replies in 3 days and one in 50: the 9th of 10 took 3 days.
        Assert.Equal(3, WorkingDayHistogram.From([(3, 9), (50, 1)]).Percentile90);
        // 20 replies of 1..20 days: the 18th reply took 18 days.
        Assert.Equal(18, Replies([.. Enumerable.Range(1, 20)]).Percentile90);
        // 11 replies of 1..11 days: ⌈9.9⌉ = 10th reply.
        Assert.Equal(10, Replies([.. Enumerable.Range(1, 11)]).Percentile90);
        // (3 × 2 + 4 × 1) / 3 = 3.33… → 3.3
        Assert.Equal(3.3, Replies(3, 3, 4).Average);
    }

    [Fact]
    public void One_reply_is_its_own_average_and_percentile()
    {
        var h = Replies(7);
        Assert.Equal(7, h.Percentile90);
        Assert.Equal(7.0, h.Average);
    }

    [Fact]
    public void No_reply_has_no_average_and_no_percentile()
    {
        Assert.Null(WorkingDayHistogram.Empty.Average);
        Assert.Null(WorkingDayHistogram.Empty.Percentile90);
        Assert.Null(WorkingDayHistogram.From([]).Percentile90);
    }

    [Fact]
    public void Adding_histograms_adds_their_counts_bucket_by_bucket()
    {
        var sum = Replies(1, 2, 2).Add(Replies(2, 30));

        Assert.Equal(WorkingDayHistogram.Buckets, sum.Counts.Count);
        Assert.Equal(5, sum.Total);
        Assert.Equal(1, sum.Counts[1]);
        Assert.Equal(3, sum.Counts[2]);
        Assert.Equal(1, sum.Counts[30]);
        Assert.Equal(7.4, sum.Average); // (1 + 2 + 2 + 2 + 30) / 5
    }

    [Fact]
    public void Replies_over_120_working_days_count_in_the_last_bucket()
    {
        var h = WorkingDayHistogram.From([(121, 1), (500, 2), (120, 1), (-3, 1)]);

        Assert.Equal(WorkingDayHistogram.Buckets, h.Counts.Count);
        Assert.Equal(4, h.Counts[120]);
        Assert.Equal(1, h.Counts[0]);
        Assert.Equal(120, h.Percentile90);
    }

    // ---- UnitIndicators.RollUp ------------------------------------------------------------------

    [Fact]
    public void A_roll_up_adds_counts_and_recomputes_rates_from_the_sums()
    {
        // A: 10 of 10 on time (100%), every reply in 1 day; 9 of 10 items on time (90%).
        // B: 1 of 4 on time (25%), replies in 1, 1, 1 and 30 days (p90 = 30); 1 of 2 items on time (50%).
        var a = Unit("A", onTime: 10, late: 0, replyDays: [.. Enumerable.Repeat(1, 10)], overdueOpen: 2, itemsOnTime: 9, itemsLate: 1,
            emptyObligations: 1, appealsCorrected: 1, annualReport: ReportDeadlineState.PublishedLate);
        var b = Unit("B", onTime: 1, late: 3, replyDays: [1, 1, 1, 30], overdueOpen: 1, itemsOnTime: 1, itemsLate: 1, emptyObligations: 2);

        var district = UnitIndicators.RollUp("510116", "郫都区", "2026-11", [a, b]);

        Assert.Equal(("510116", "郫都区", "2026-11"), (district.UnitCode, district.UnitName, district.Period));
        Assert.Equal((17L, 14L, 11L, 3L, 3L), (district.Received, district.Closed, district.ClosedOnTime, district.ClosedLate, district.OverdueOpen));
        Assert.Equal((1L, 1L, 10L, 2L, 3L), (district.AppealsFiled, district.AppealsCorrected, district.ItemsPublishedOnTime, district.ItemsPublishedLate, district.EmptyObligations));
        Assert.Equal(0.7857, district.OnTimeRate);       // 11 / 14, not (1 + 0.25) / 2 = 0.625
        Assert.Equal(0.8333, district.ItemsOnTimeRate);  // 10 / 12, not (0.9 + 0.5) / 2 = 0.7
        Assert.Equal(14, district.Cases.WorkingDays.Total);
        Assert.Equal(3.1, district.AverageWorkingDays);  // (13 × 1 + 30) / 14 = 3.07
        // ⌈0.9 × 14⌉ = 13th reply took 1 day: the district's p90 is not the larger of the units' (1 and 30).
        Assert.Equal((1, 30), (a.Percentile90WorkingDays!.Value, b.Percentile90WorkingDays!.Value));
        Assert.Equal(1, district.Percentile90WorkingDays);
        Assert.Null(district.AnnualReport); // each unit publishes its own report
    }

    [Fact]
    public void Rates_have_no_value_without_anything_to_rate()
    {
        var none = Unit("A", onTime: 0, late: 0);
        Assert.Null(none.OnTimeRate);
        Assert.Null(none.ItemsOnTimeRate);
        Assert.Null(none.AppealCorrectionRate);
        Assert.Equal(0.6667, UnitIndicators.Rate(2, 3));
    }

    // ---- ScoringRules.Problems ------------------------------------------------------------------

    [Fact]
    public void The_default_rules_are_valid_and_weigh_100_points()
    {
        Assert.Empty(ScoringRules.Default.Problems());
        Assert.Equal(100, ScoringRules.Default.Rules.Sum(r => r.MaxPoints));
    }

    [Fact]
    public void The_rubric_used_below_is_valid() => Assert.Empty(Rubric.Problems());

    /// <summary>The default rules with the rule on <paramref name="rule"/>'s indicator replaced, and that rule's index.</summary>
    private static (ScoringRules Rules, int Index) WithRule(ScoringRule rule)
    {
        var index = ScoringRules.Default.Rules.ToList().FindIndex(r => r.Indicator == rule.Indicator);
        Assert.True(index >= 0, $"the default rules score {rule.Indicator}");
        return (ScoringRules.Default with { Rules = [.. ScoringRules.Default.Rules.Select((r, i) => i == index ? rule : r)] }, index);
    }

    [Fact]
    public void Weights_must_add_up_to_100()
    {
        var (rules, _) = WithRule(new(ScoredIndicator.OnTimeRate, ScoringMethod.Proportional, 30)); // 40 → 30
        var problems = rules.Problems();

        Assert.Equal(["rules"], problems.Keys);
        Assert.Contains("现为 90 分", Assert.Single(problems["rules"]));
    }

    [Fact]
    public void An_indicator_is_scored_by_one_rule_only()
    {
        var rules = ScoringRules.Default with
        {
            Rules = [new(ScoredIndicator.OnTimeRate, ScoringMethod.Proportional, 50), new(ScoredIndicator.OnTimeRate, ScoringMethod.Proportional, 50)],
        };

        var problems = rules.Problems();

        Assert.Equal(["rules"], problems.Keys);
        Assert.Contains("同一指标", Assert.Single(problems["rules"]));
    }

    [Fact]
    public void A_deduction_needs_the_points_per_case()
    {
        var (rules, i) = WithRule(new(ScoredIndicator.OverdueOpen, ScoringMethod.Deduct, 20));
        Assert.Equal([$"rules[{i}].perUnit"], rules.Problems().Keys);
    }

    [Fact]
    public void An_at_most_rule_needs_its_threshold()
    {
        var (rules, i) = WithRule(new(ScoredIndicator.Percentile90WorkingDays, ScoringMethod.AtMost, 10));
        Assert.Equal([$"rules[{i}].threshold"], rules.Problems().Keys);
    }

    [Fact]
    public void Proportional_points_need_a_rate()
    {
        var (rules, i) = WithRule(new(ScoredIndicator.OverdueOpen, ScoringMethod.Proportional, 20));
        Assert.Equal([$"rules[{i}].method"], rules.Problems().Keys);
    }

    [Fact]
    public void The_black_list_line_is_not_above_the_red_list_line()
    {
        var red = ScoringRules.Default.RedListMinScore;
        Assert.Equal(["blackListBelowScore"], (ScoringRules.Default with { BlackListBelowScore = red + 1 }).Problems().Keys);
        Assert.Empty((ScoringRules.Default with { BlackListBelowScore = red }).Problems());
    }

    // ---- Scoreboard -----------------------------------------------------------------------------

    [Fact]
    public void Default_rules_rank_a_perfect_unit_red_and_a_vetoed_one_black_and_last()
    {
        var perfect = Unit("A", onTime: 10, late: 0, itemsOnTime: 10);
        var overdue = Unit("B", onTime: 10, late: 0, itemsOnTime: 10, overdueOpen: 2);
        var corrected = Unit("C", onTime: 10, late: 0, itemsOnTime: 10, appealsCorrected: 1);

        var board = Scoreboard.Rank(ScoringRules.Default, [corrected, overdue, perfect], NoSpotChecks);

        Assert.Equal(["A", "B", "C"], board.Select(u => u.UnitCode));
        Assert.Equal([1, 2, 3], board.Select(u => u.Rank));
        Assert.Equal([100m, 90m, 100m], board.Select(u => u.Score)); // B: 20 − 2 × 5 = 10 of 20 for 逾期未办结
        Assert.Equal([Standing.RedList, Standing.None, Standing.BlackList], board.Select(u => u.Standing));
        Assert.Equal(["红榜", "—", "黑榜"], board.Select(u => u.StandingLabel));
        Assert.Empty(board[0].Vetoes);
        Assert.Contains("复议诉讼被纠错件数", Assert.Single(board[2].Vetoes));
    }

    [Theory]
    [InlineData(ReportDeadlineState.Overdue, 1d)]
    [InlineData(ReportDeadlineState.PublishedLate, 1d)]
    [InlineData(ReportDeadlineState.PublishedOnTime, 0d)]
    [InlineData(ReportDeadlineState.DueSoon, 0d)]
    [InlineData(ReportDeadlineState.NotDue, 0d)]
    [InlineData(null, 0d)]
    public void The_annual_report_counts_as_late_when_overdue_or_published_late(ReportDeadlineState? state, double late) =>
        Assert.Equal(late, Scoreboard.Value(ScoredIndicator.AnnualReportLate, Unit("A", 1, 0, annualReport: state), 0));

    [Fact]
    public void A_late_annual_report_vetoes_where_the_rules_say_so()
    {
        var board = Scoreboard.Rank(Rubric,
            [Unit("A", 10, 0, annualReport: ReportDeadlineState.PublishedLate), Unit("B", 10, 0, annualReport: ReportDeadlineState.PublishedOnTime)], NoSpotChecks);

        Assert.Equal(["B", "A"], board.Select(u => u.UnitCode));
        Assert.Equal([Standing.RedList, Standing.BlackList], board.Select(u => u.Standing));
        Assert.Contains("年度报告未按时公布", Assert.Single(board[1].Vetoes));
    }

    [Fact]
    public void Score_lines_carry_the_figure_behind_each_score()
    {
        // 3 of 4 on time → 0.75 × 40 = 30; p90 of (5, 5, 5, 20) = 20 > 15 → 0; no overdue → 20;
        // 9 of 10 items on time → 0.9 × 15 = 13.5; 7 empty columns → 5 − 7 floors at 0; 3 spot-check problems → 10 − 6 = 4.
        var unit = Unit("A", onTime: 3, late: 1, replyDays: [5, 5, 5, 20], itemsOnTime: 9, itemsLate: 1, emptyObligations: 7);

        var scored = Assert.Single(Scoreboard.Rank(Rubric, [unit], new Dictionary<string, int> { ["A"] = 3 }));

        (ScoredIndicator, double?, decimal, decimal)[] expected =
        [
            (ScoredIndicator.OnTimeRate, 0.75, 30m, 40m),
            (ScoredIndicator.Percentile90WorkingDays, 20, 0m, 10m),
            (ScoredIndicator.OverdueOpen, 0, 20m, 20m),
            (ScoredIndicator.ItemsOnTimeRate, 0.9, 13.5m, 15m),
            (ScoredIndicator.EmptyObligations, 7, 0m, 5m),
            (ScoredIndicator.SpotCheckProblems, 3, 4m, 10m),
        ];
        Assert.Equal(expected, scored.Lines.Select(l => (l.Indicator, l.Value, l.Points, l.MaxPoints)));
        Assert.Equal("按时办结率", scored.Lines[0].Label);
        Assert.Equal(67.5m, scored.Score);
        Assert.Equal(Standing.None, scored.Standing);
    }

    [Fact]
    public void A_score_below_the_black_list_line_is_black_without_a_veto()
    {
        // 0 of 4 on time → 0; p90 20 → 0; 4 overdue → 20 − 20 = 0; no items to rate → 15; no empty column → 5; no problems → 10.
        var scored = Assert.Single(Scoreboard.Rank(Rubric, [Unit("A", 0, 4, replyDays: [20, 20, 20, 20], overdueOpen: 4)], NoSpotChecks));

        Assert.Equal(30m, scored.Score);
        Assert.Equal(Standing.BlackList, scored.Standing);
        Assert.Empty(scored.Vetoes);
    }

    [Fact]
    public void Equal_scores_share_a_rank_and_the_next_rank_skips()
    {
        var board = Scoreboard.Rank(Rubric,
            [Unit("C", 10, 0, overdueOpen: 1), Unit("B", 10, 0), Unit("A", 10, 0), Unit("D", 10, 0, overdueOpen: 1)], NoSpotChecks);

        Assert.Equal(["A", "B", "C", "D"], board.Select(u => u.UnitCode));
        Assert.Equal([1, 1, 3, 3], board.Select(u => u.Rank));
    }

    [Fact]
    public void A_vetoed_unit_does_not_share_the_rank_of_an_equal_score_that_was_not_vetoed()
    {
        var board = Scoreboard.Rank(Rubric,
            [Unit("A", 10, 0, overdueOpen: 1, appealsCorrected: 1), Unit("B", 10, 0, overdueOpen: 1), Unit("C", 10, 0, overdueOpen: 1, appealsCorrected: 2)],
            NoSpotChecks);

        Assert.Equal(["B", "A", "C"], board.Select(u => u.UnitCode));
        Assert.Equal([95m, 95m, 95m], board.Select(u => u.Score));
        Assert.Equal([1, 2, 2], board.Select(u => u.Rank));
    }

    [Fact]
    public void With_nothing_to_rate_every_rule_gives_its_full_points()
    {
        var scored = Assert.Single(Scoreboard.Rank(ScoringRules.Default, [Unit("A", 0, 0)], NoSpotChecks));

        Assert.Equal(100m, scored.Score);
        Assert.Null(scored.Lines.Single(l => l.Indicator == ScoredIndicator.OnTimeRate).Value);
        Assert.Null(scored.Lines.Single(l => l.Indicator == ScoredIndicator.ItemsOnTimeRate).Value);
        Assert.Null(scored.Lines.Single(l => l.Indicator == ScoredIndicator.Percentile90WorkingDays).Value);
        Assert.All(scored.Lines, l => Assert.Equal(l.MaxPoints, l.Points));
    }

    // ---- HeatMapSuppression ---------------------------------------------------------------------

    [Fact]
    public void The_public_heat_map_leaves_out_small_and_unclassified_cells_and_sorts_the_rest()
    {
        HeatCell[] cells =
        [
            new("B", "07", 3, 5),
            new("A", "04", 1, 4),     // below the minimum
            new("A", "", 2, 100),     // no domain known
            new("A", "07", 2, 5),     // at the minimum
            new("A", "04", 11, 12),
            new("A", "04", 2, 6),
        ];

        var shown = HeatMapSuppression.ForPublic(cells, 5);

        Assert.Equal(
            [
                new PublicHeatCell("A", "04", "财政预决算", 2, 6),
                new PublicHeatCell("A", "04", "财政预决算", 11, 12),
                new PublicHeatCell("A", "07", "国有土地上房屋征收与补偿", 2, 5),
                new PublicHeatCell("B", "07", "国有土地上房屋征收与补偿", 3, 5),
            ],
            shown);
        Assert.Equal(shown, HeatMapSuppression.ForPublic(Enumerable.Reverse(cells), 5));
    }

    [Fact]
    public void An_empty_cell_is_never_shown_whatever_the_minimum()
    {
        var shown = HeatMapSuppression.ForPublic([new("A", "04", 1, 0), new("A", "04", 2, 1)], 0);
        Assert.Equal([2], shown.Select(c => c.Month));
    }

    // ---- SupervisedCase -------------------------------------------------------------------------

    private static readonly Guid CaseId = Guid.NewGuid();

    private static CaseSupervisionFacts Facts(DateOnly? due = null, DateOnly? replied = null, string? domain = "07") =>
        new(new DateOnly(2026, 3, 2), due ?? new DateOnly(2026, 3, 30), replied, replied is null ? null : 9, Extended: true,
            CorrectionsRequested: 1, ReviewReturns: 2, domain, DomainConfirmed: true);

    private static CaseCountingChanged Message(long revision, CaseSupervisionFacts? facts, params CountedHandling[] handlings) =>
        new(CaseId, "510116001", "510116-2026-00001", ApplicantCategory.NaturalPerson, revision,
            handlings.Length == 0 ? [new CountedHandling(new DateOnly(2026, 3, 2), null, null)] : handlings, null, Now.AddMinutes(revision), facts);

    [Fact]
    public void A_message_without_supervision_facts_makes_no_row()
    {
        Assert.Null(SupervisedCase.From(Message(3, null)));
    }

    [Fact]
    public void A_row_takes_every_fact_of_the_message()
    {
        var closed = new CountedHandling(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 26), AnnualReportOutcome.Disclosed);

        var row = SupervisedCase.From(Message(4, Facts(replied: new DateOnly(2026, 3, 25)), closed))!;

        Assert.Equal((CaseId, "510116-2026-00001", 4L), (row.CaseId, row.CaseNumber, row.Revision));
        Assert.Equal(new DateOnly(2026, 3, 2), row.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 3, 26), row.ClosedOn);
        Assert.Equal((new DateOnly(2026, 3, 30), new DateOnly(2026, 3, 25)), (row.DueOn!.Value, row.RepliedOn!.Value));
        Assert.Equal(9, row.WorkingDays);
        Assert.Equal((true, 1, 2), (row.Extended, row.CorrectionsRequested, row.ReviewReturns));
        Assert.Equal(("07", true), (row.DomainCode, row.DomainConfirmed));
        Assert.Equal(Now.AddMinutes(4), row.UpdatedAt);
    }

    [Theory]
    [InlineData("2026-03-30", false)]  // on the due date
    [InlineData("2026-03-31", true)]
    [InlineData("2026-03-02", false)]
    public void A_reply_is_late_only_after_the_due_date(string repliedOn, bool late)
    {
        var row = SupervisedCase.From(Message(1, Facts(replied: DateOnly.Parse(repliedOn))))!;
        Assert.Equal(late, row.Late);
    }

    [Fact]
    public void Lateness_is_unknown_without_a_reply_or_a_due_date()
    {
        Assert.Null(SupervisedCase.From(Message(1, Facts()))!.Late);
        Assert.Null(new CaseSupervisionFacts(new DateOnly(2026, 3, 2), null, new DateOnly(2026, 3, 5), 3, false, 1, 0, null, false).Late);
    }

    [Fact]
    public void A_newer_revision_replaces_the_row_an_older_or_equal_one_is_ignored()
    {
        var row = SupervisedCase.From(Message(5, Facts(domain: "04")))!;

        Assert.False(row.Take(Message(5, Facts(domain: "07"))));
        Assert.False(row.Take(Message(4, Facts(domain: "07"))));
        Assert.Equal(("04", 5L), (row.DomainCode, row.Revision));

        Assert.True(row.Take(Message(6, Facts(domain: "07", replied: new DateOnly(2026, 3, 31)))));
        Assert.Equal(("07", 6L, true), (row.DomainCode, row.Revision, row.Late));
        Assert.Equal(Now.AddMinutes(6), row.UpdatedAt);
    }

    [Fact]
    public void A_newer_message_without_facts_changes_nothing()
    {
        var row = SupervisedCase.From(Message(5, Facts()))!;
        Assert.False(row.Take(Message(9, null)));
        Assert.Equal(5, row.Revision);
    }

    [Fact]
    public void A_reopened_case_is_open_again_whatever_its_earlier_handling_closed()
    {
        var earlier = new CountedHandling(new DateOnly(2025, 11, 3), new DateOnly(2025, 12, 1), AnnualReportOutcome.Disclosed);
        var current = new CountedHandling(new DateOnly(2026, 3, 2), null, null);
        var row = SupervisedCase.From(Message(1, Facts(), earlier))!;
        Assert.Equal(new DateOnly(2025, 12, 1), row.ClosedOn);

        row.Take(Message(2, Facts(), earlier, current));

        Assert.Null(row.ClosedOn);
    }

    // ---- SpotCheck ------------------------------------------------------------------------------

    [Theory]
    [InlineData(10, 3, 3)]
    [InlineData(5, 20, 5)]
    [InlineData(0, 5, 0)]
    [InlineData(4, 0, 0)]
    public void A_sample_is_at_most_n_distinct_cases_of_the_unit(int closed, int perUnit, int expected)
    {
        var cases = Enumerable.Range(1, closed).Select(i => $"case-{i}").ToList();

        var sample = SpotCheck.Sample(cases, perUnit, new Random(7));

        Assert.Equal(expected, sample.Count);
        Assert.Equal(expected, sample.Distinct().Count());
        Assert.All(sample, c => Assert.Contains(c, cases));
        Assert.Equal(Enumerable.Range(1, closed).Select(i => $"case-{i}"), cases); // the input is left as it was
    }

    [Fact]
    public void Every_case_is_about_equally_likely_to_be_drawn()
    {
        var cases = Enumerable.Range(0, 10).ToArray();
        var drawn = new int[10];
        var random = new Random(20261201);

        for (var draw = 0; draw < 5000; draw++)
            foreach (var c in SpotCheck.Sample(cases, 2, random))
                drawn[c]++;

        // 10 000 picks over 10 cases: 1 000 each expected, ± 150 is five standard deviations (the seed makes it repeatable).
        Assert.All(drawn, n => Assert.InRange(n, 850, 1150));
    }

    private static readonly ChecklistAnswer Pass = new("程序：是否在法定期限内答复？", true, null);
    private static readonly ChecklistAnswer Fail = new("实体：答复书是否告知救济途径和期限？", false, "未告知起诉期限");

    private static SpotCheckItem Item() => new() { Id = Guid.NewGuid(), CaseId = CaseId, CaseNumber = "510116-2026-00001", Period = "2026-11" };

    [Fact]
    public void A_failed_question_needs_findings()
    {
        var item = Item();

        Assert.NotNull(item.Review([Pass, Fail], "  ", Now, "法律顾问"));

        Assert.Equal(SpotCheckItemState.Drawn, item.State);
        Assert.Empty(item.Answers);
        Assert.Null(item.ReviewedBy);
    }

    [Fact]
    public void A_review_without_failures_is_compliant_and_needs_no_rectification()
    {
        var item = Item();

        Assert.Null(item.Review([Pass], null, Now, "法律顾问"));

        Assert.Equal(SpotCheckItemState.Compliant, item.State);
        Assert.False(item.HasProblems);
        Assert.Equal("只有抽查发现问题的案件需要整改。", item.Rectify("已整改", Now, "承办人"));
        Assert.Equal(SpotCheckItemState.Compliant, item.State);
        Assert.Equal("只有抽查发现问题的案件需要整改。", Item().Rectify("已整改", Now, "承办人"));
    }

    [Fact]
    public void Problems_found_are_rectified_once_and_then_the_review_is_final()
    {
        var item = Item();
        Assert.Null(item.Review([Pass, Fail], " 答复书未告知起诉期限 ", Now, "法律顾问"));
        Assert.Equal((SpotCheckItemState.ProblemsFound, "答复书未告知起诉期限", "法律顾问"), (item.State, item.Findings, item.ReviewedBy));
        Assert.True(item.HasProblems);

        Assert.Null(item.Rectify(" 已补发告知书 ", Now.AddDays(3), "承办人"));

        Assert.Equal((SpotCheckItemState.Rectified, "已补发告知书", "承办人"), (item.State, item.Rectification, item.RectifiedBy));
        Assert.True(item.HasProblems);
        Assert.NotNull(item.Review([Pass], null, Now.AddDays(4), "法律顾问"));
        Assert.NotNull(item.Rectify("再次整改", Now.AddDays(4), "承办人"));
        Assert.Equal((SpotCheckItemState.Rectified, "已补发告知书"), (item.State, item.Rectification));
    }

    [Fact]
    public void A_review_may_be_corrected_until_the_unit_rectified()
    {
        var item = Item();
        item.Review([Fail], "未告知起诉期限", Now, "法律顾问");

        Assert.Null(item.Review([Pass], null, Now.AddHours(1), "法律顾问"));

        Assert.Equal(SpotCheckItemState.Compliant, item.State);
        Assert.Null(item.Findings);
    }

    // ---- Bulletin -------------------------------------------------------------------------------

    private static IReadOnlyList<BulletinEntry> Entries(params UnitIndicators[] units) =>
        [.. Scoreboard.Rank(ScoringRules.Default, units, NoSpotChecks)
            .Select(s => new BulletinEntry(s, BulletinFigures.Of(units.Single(u => u.UnitCode == s.UnitCode), 0), null))];

    private static BulletinFigures District(params UnitIndicators[] units) =>
        BulletinFigures.Of(UnitIndicators.RollUp("510116", "郫都区", "2026-11", units), 0);

    private static Bulletin Draft(params UnitIndicators[] units)
    {
        var bulletin = new Bulletin { Id = Guid.NewGuid(), Period = "2026-11", PeriodLabel = "2026年11月", CreatedAt = Now, CreatedBy = "督查员" };
        bulletin.Refresh("成都市郫都区", ScoringRules.Default, Entries(units), District(units), Now);
        return bulletin;
    }

    [Fact]
    public void Refreshing_a_draft_keeps_the_remarks_on_units_that_remain()
    {
        var a = Unit("A", 10, 0);
        var b = Unit("B", 10, 0, overdueOpen: 1);
        var bulletin = Draft(a, b);
        bulletin.Remark("请各单位加强办理。", new Dictionary<string, string?> { ["A"] = "表现突出", ["B"] = "请尽快办结逾期案件", ["Z"] = "不在榜上" }, Now);

        bulletin.Refresh("成都市郫都区", ScoringRules.Default, Entries(a, Unit("C", 10, 0)), District(a), Now.AddDays(1));

        (string, string?)[] expected = [("A", "表现突出"), ("C", null)];
        Assert.Equal(expected, bulletin.Entries.Select(e => (e.Score.UnitCode, e.Remark)));
        Assert.Equal("请各单位加强办理。", bulletin.Remarks);
        Assert.Equal(Now.AddDays(1), bulletin.UpdatedAt);
    }

    [Fact]
    public void A_published_bulletin_never_changes()
    {
        var bulletin = Draft(Unit("A", 10, 0));
        bulletin.Publish("510116-TB202611-01", "hash", Today, Now, "督查员");
        Assert.Equal((BulletinState.Published, "510116-TB202611-01", Today), (bulletin.State, bulletin.Number, bulletin.PublishedOn!.Value));

        Assert.Throws<InvalidOperationException>(() => bulletin.Refresh("成都市郫都区", ScoringRules.Default, [], District(), Now));
        Assert.Throws<InvalidOperationException>(() => bulletin.Remark("改", new Dictionary<string, string?>(), Now));
        Assert.Throws<InvalidOperationException>(() => bulletin.Publish("510116-TB202611-02", "hash2", Today, Now, "督查员"));
        Assert.Equal("510116-TB202611-01", bulletin.Number);
        Assert.Single(bulletin.Entries);
    }

    [Fact]
    public void A_bulletin_number_is_the_district_the_period_and_a_serial()
    {
        Assert.Equal("510116-TB202611-01", BulletinLayout.Number("510116", "2026-11"));
        Assert.Equal("510116-TB2026Q4-02", BulletinLayout.Number("510116", "2026-Q4", 2));
        Assert.Equal("510116-TB2026-01", BulletinLayout.Number("510116", "2026"));
    }

    [Fact]
    public void The_layout_has_the_title_the_number_and_one_ranking_row_per_unit()
    {
        var bulletin = Draft(Unit("A", 10, 0), Unit("B", 10, 0, overdueOpen: 2), Unit("C", 10, 0, appealsCorrected: 1));

        var layout = BulletinLayout.Build(bulletin, "510116-TB202611-01", new DateOnly(2026, 12, 3));

        Assert.Equal("成都市郫都区政府信息公开工作2026年11月通报", layout.Title);
        Assert.Equal("510116-TB202611-01", layout.Subtitle);
        var headings = layout.Blocks.Where(b => b.Kind == ReportBlockKind.Heading).Select(b => b.Text).ToList();
        var ranking = layout.Blocks[layout.Blocks.ToList().FindIndex(b => b.Text == "二、红黑榜") + 2];
        Assert.Equal(ReportBlockKind.Table, ranking.Kind);
        var rows = ranking.Rows!;
        Assert.Equal(4, rows.Count);
        Assert.Equal(["名次", "单位", "得分", "榜单", "一票否决"], rows[0].Select(c => c.Text));
        Assert.All(rows[0], c => Assert.True(c.IsHeader));
        Assert.Equal(["1", "单位A", "100", "红榜", "—"], rows[1].Select(c => c.Text));
        Assert.Equal(["2", "单位B", "90", "—", "—"], rows[2].Select(c => c.Text));
        Assert.Equal(["3", "单位C", "100", "黑榜"], rows[3].Take(4).Select(c => c.Text));
        Assert.Contains("复议诉讼被纠错件数", rows[3][4].Text);
        Assert.Contains(layout.Blocks, b => b.Text.Contains("红榜（95 分及以上）：单位A。黑榜（低于 60 分或触及一票否决项）：单位C。"));
        Assert.DoesNotContain("五、工作要求", headings); // no remarks yet
        Assert.Equal("成都市郫都区　2026年12月3日", layout.Blocks[^1].Text);
    }

    [Fact]
    public void The_layout_shows_the_district_figures_and_the_remarks()
    {
        var bulletin = Draft(Unit("A", 3, 1, replyDays: [2, 4, 6, 8]), Unit("B", 1, 0, replyDays: [10]));
        bulletin.Remark("请各单位对照整改。", new Dictionary<string, string?> { ["A"] = "超期办结 1 件" }, Now);

        var layout = BulletinLayout.Build(bulletin, "510116-TB202611-01", Today);

        var overview = layout.Blocks[1].Text;
        Assert.Contains("全区 2 个单位共收到政府信息公开申请 5 件，办结 5 件，其中按期办结 4 件、超期办结 1 件，按时办结率 80%", overview);
        Assert.Contains("平均答复用时 6 个工作日，90% 的申请在 10 个工作日内答复", overview);
        Assert.Contains(layout.Blocks, b => b is { Kind: ReportBlockKind.Heading, Text: "五、工作要求" });
        Assert.Contains(layout.Blocks, b => b.Text == "请各单位对照整改。");
        Assert.Contains(layout.Blocks, b => b.Text == "单位A：超期办结 1 件");
    }
}
