using Gongkai.Contracts;
using Gongkai.Publishing.Domain.AnnualReports;
using static Gongkai.UnitTests.Publishing.AnnualReports.AnnualReportTestData;
using R = Gongkai.Publishing.Domain.AnnualReports.ApplicationTableRow;

namespace Gongkai.UnitTests.Publishing.AnnualReports;

public class ApplicationTableTests
{
    private static R[] RowsOf(string from, string? closed, AnnualReportOutcome? outcome, int year = 2026) =>
        [.. ApplicationTable.RowsOf(Handling(from, closed, outcome), year)];

    [Fact]
    public void Received_and_closed_in_the_year_is_new_its_result_and_the_total()
    {
        Assert.Equal([R.New, R.WithheldThirdPartyRights, R.Total], RowsOf("2026-03-02", "2026-03-20", AnnualReportOutcome.WithheldThirdPartyRights));
        // The first and last day of the year still belong to it.
        Assert.Equal([R.New, R.Disclosed, R.Total], RowsOf("2026-01-01", "2026-12-31", AnnualReportOutcome.Disclosed));
    }

    [Fact]
    public void Received_last_year_and_closed_this_year_is_carried_over_with_its_result() =>
        Assert.Equal([R.CarriedOver, R.UnavailableNotHeld, R.Total], RowsOf("2025-12-28", "2026-01-15", AnnualReportOutcome.UnavailableNotHeld));

    [Fact]
    public void Received_last_year_and_still_open_is_carried_over_and_carried_forward() =>
        Assert.Equal([R.CarriedOver, R.CarriedForward], RowsOf("2025-12-28", null, null));

    [Fact]
    public void Received_this_year_and_still_open_is_new_and_carried_forward()
    {
        Assert.Equal([R.New, R.CarriedForward], RowsOf("2026-12-20", null, null));
        // Closed only next year: at this year's end it was open.
        Assert.Equal([R.New, R.CarriedForward], RowsOf("2026-12-20", "2027-01-10", AnnualReportOutcome.Disclosed));
    }

    [Fact]
    public void Closed_last_year_or_received_next_year_is_not_counted()
    {
        Assert.Empty(RowsOf("2025-03-02", "2025-12-31", AnnualReportOutcome.Disclosed));
        Assert.Empty(RowsOf("2027-01-01", null, null));
        Assert.Empty(RowsOf("2027-01-01", "2027-01-05", AnnualReportOutcome.Disclosed));
    }

    [Fact]
    public void Each_handling_of_a_reopened_case_counts_in_its_own_year()
    {
        var reopened = Case("2025-0007", ApplicantCategory.CommercialEnterprise,
            Handling("2025-04-01", "2025-04-25", AnnualReportOutcome.WithheldProcessInformation),
            Handling("2026-02-10", "2026-03-05", AnnualReportOutcome.PartiallyDisclosed));

        var t2025 = ApplicationTable.Count(2025, [reopened]);
        Assert.Equal(1, t2025[R.New, 1]);
        Assert.Equal(1, t2025[R.WithheldProcessInformation, 1]);
        Assert.Equal(1, t2025[R.Total, 1]);
        Assert.Equal(0, t2025[R.PartiallyDisclosed, 1]);
        Assert.Equal(0, t2025.Total(R.CarriedForward));

        var t2026 = ApplicationTable.Count(2026, [reopened]);
        Assert.Equal(1, t2026[R.New, 1]);
        Assert.Equal(0, t2026.Total(R.CarriedOver));
        Assert.Equal(1, t2026[R.PartiallyDisclosed, 1]);
        Assert.Equal(0, t2026[R.WithheldProcessInformation, 1]);
        Assert.Equal(1, t2026.Total(R.Total));
    }

    [Fact]
    public void Cases_count_in_their_applicants_column_and_in_the_total_column()
    {
        var counted = ApplicationTable.Count(Year, Cases2026);
        var expected = Applications2026;
        foreach (var row in Enum.GetValues<R>())
            for (var column = 0; column <= ApplicationTable.TotalColumn; column++)
                Assert.True(expected[row, column] == counted[row, column],
                    $"{ApplicationTable.Label(row)} / {ApplicationTable.ColumnLabel(column)}: expected {expected[row, column]}, counted {counted[row, column]}");

        Assert.Equal(3, counted[R.New, (int)ApplicantCategory.NaturalPerson]);
        Assert.Equal(1, counted[R.New, (int)ApplicantCategory.LegalServiceInstitution]);
        Assert.Equal(4, counted.Total(R.New));
        Assert.Equal(1, counted[R.WithheldStateSecret, (int)ApplicantCategory.CommercialEnterprise]);
        Assert.Equal(0, counted[R.WithheldStateSecret, (int)ApplicantCategory.NaturalPerson]);
        Assert.Equal(2, counted.Total(R.CarriedForward));
    }

    [Fact]
    public void The_drill_down_names_the_cases_behind_a_cell()
    {
        var cells = ApplicationTable.Cells(Year, Cases2026).ToList();
        Assert.Equal(["D", "F"], cells.Where(c => c.Row == R.CarriedForward).Select(c => c.Case.CaseNumber).Order());
        Assert.Equal(["A", "B", "C", "E"], cells.Where(c => c.Row == R.Total).Select(c => c.Case.CaseNumber).Order());
        Assert.Equal(4 + 2 + 4 + 4 + 2, cells.Count);
    }

    [Fact]
    public void Every_outcome_has_its_own_result_row()
    {
        var outcomes = Enum.GetValues<AnnualReportOutcome>();
        Assert.Equal(21, outcomes.Length);
        var rows = outcomes.Select(ApplicationTable.RowOf).ToList();
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.DoesNotContain(R.New, rows);
        Assert.DoesNotContain(R.CarriedOver, rows);
        Assert.DoesNotContain(R.Total, rows);
        Assert.DoesNotContain(R.CarriedForward, rows);
        Assert.Equal(Enum.GetValues<R>().Length - 4, rows.Count);
        Assert.Equal(R.WithheldStateSecret, ApplicationTable.RowOf(AnnualReportOutcome.WithheldStateSecret));
        Assert.Equal(R.Other, ApplicationTable.RowOf(AnnualReportOutcome.Other));
        // Each outcome's row prints that outcome's label.
        foreach (var outcome in outcomes)
            Assert.Equal(outcome.Label(), ApplicationTable.Label(ApplicationTable.RowOf(outcome)));
    }

    [Theory]
    [InlineData(R.New, "一、本年新收政府信息公开申请数量")]
    [InlineData(R.CarriedOver, "二、上年结转政府信息公开申请数量")]
    [InlineData(R.Total, "（七）总计")]
    [InlineData(R.CarriedForward, "四、结转下年度继续办理")]
    [InlineData(R.Disclosed, "（一）予以公开")]
    [InlineData(R.PartiallyDisclosed, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")]
    [InlineData(R.WithheldStateSecret, "（三）不予公开 / 1.属于国家秘密")]
    [InlineData(R.WithheldSecurityOrStability, "（三）不予公开 / 3.危及“三安全一稳定”")]
    [InlineData(R.UnavailableNeedsCreation, "（四）无法提供 / 2.没有现成信息需要另行制作")]
    [InlineData(R.NotHandledConfirmOrReissue, "（五）不予处理 / 5.要求行政机关确认或重新出具已获取信息")]
    [InlineData(R.OtherNoFee, "（六）其他处理 / 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")]
    [InlineData(R.Other, "（六）其他处理 / 3.其他")]
    public void Rows_print_the_official_labels(R row, string label) => Assert.Equal(label, ApplicationTable.Label(row));

    [Fact]
    public void Columns_print_the_applicant_categories_then_total()
    {
        Assert.Equal(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
            Enumerable.Range(0, ApplicationTable.TotalColumn + 1).Select(ApplicationTable.ColumnLabel));
    }

    [Fact]
    public void Every_column_balances_for_random_handlings_and_four_carries_into_the_next_years_two()
    {
        var random = new Random(20261130);
        var outcomes = Enum.GetValues<AnnualReportOutcome>();
        var cases = new List<ReportedCase>();
        for (var i = 0; i < 400; i++)
        {
            var handlings = new List<CountedHandling>();
            var from = new DateOnly(2023, 1, 1).AddDays(random.Next(4 * 365));
            for (var h = random.Next(1, 3); h > 0; h--)
            {
                DateOnly? closed = random.Next(4) == 0 ? null : from.AddDays(random.Next(0, 200));
                handlings.Add(new CountedHandling(from, closed, closed is null ? null : outcomes[random.Next(outcomes.Length)]));
                if (closed is not { } c)
                    break;
                from = c.AddDays(random.Next(1, 400)); // reopened by a ruling received later
            }
            cases.Add(Case($"R{i}", (ApplicantCategory)random.Next(6), [.. handlings]));
        }

        for (var year = 2023; year <= 2027; year++)
        {
            var t = ApplicationTable.Count(year, cases);
            var next = ApplicationTable.Count(year + 1, cases);
            for (var column = 0; column <= ApplicationTable.TotalColumn; column++)
            {
                Assert.Equal(t[R.New, column] + t[R.CarriedOver, column], t[R.Total, column] + t[R.CarriedForward, column]);
                Assert.Equal(t[R.Total, column], ApplicationTable.ResultRows.Sum(r => t[r, column]));
                Assert.Equal(t[R.CarriedForward, column], next[R.CarriedOver, column]);
            }
            foreach (var row in Enum.GetValues<R>())
                Assert.Equal(t.Total(row), Enumerable.Range(0, ApplicationTable.TotalColumn).Sum(column => t[row, column]));

            // An independent count of 一: handlings received in the year.
            Assert.Equal(cases.Sum(c => c.Handlings.Count(h => h.CountedFrom.Year == year)), t.Total(R.New));
            Assert.True(t.Total(R.New) > 0 || year == 2027);
        }
    }
}
