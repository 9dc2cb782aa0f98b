using Gongkai.Publishing.Domain.AnnualReports;
using C = Gongkai.Publishing.Domain.AnnualReports.ProactiveCell;

namespace Gongkai.UnitTests.Publishing.AnnualReports;

public class ProactiveTableTests
{
    private static Dictionary<string, string[]> Problems(params (C Cell, decimal Value)[] values) =>
        ProactiveTable.Problems(values.ToDictionary(v => v.Cell, v => v.Value), []);

    [Fact]
    public void Whole_numbers_zero_and_fees_with_four_decimals_are_accepted()
    {
        Assert.Empty(Problems((C.RegulationsIssued, 0), (C.LicensingDecisions, 1_000_000), (C.FeesAmount, 12.3456m), (C.PenaltyDecisions, 7.000m)));
        Assert.Empty(ProactiveTable.Problems(null, null));
        Assert.Empty(ProactiveTable.Problems(new Dictionary<C, decimal> { [C.CoercionDecisions] = 3 }, [C.FeesAmount, C.RegulationsIssued]));
    }

    [Fact]
    public void A_negative_or_too_large_count_is_refused_by_cell()
    {
        var problems = Problems((C.RegulationsIssued, -1), (C.PenaltyDecisions, 1_000_001));
        Assert.Equal(["values.PenaltyDecisions", "values.RegulationsIssued"], problems.Keys.Order());
        Assert.Equal("规章本年制发件数须在 0 至 1000000 之间。", Assert.Single(problems["values.RegulationsIssued"]));
    }

    [Fact]
    public void A_count_with_a_fraction_is_refused()
    {
        var problems = Problems((C.LicensingDecisions, 2.5m));
        Assert.Equal("行政许可本年处理决定数量须为整数。", Assert.Single(Assert.Single(problems, p => p.Key == "values.LicensingDecisions").Value));
    }

    [Fact]
    public void A_fee_with_more_than_four_decimals_is_refused()
    {
        var problems = Problems((C.FeesAmount, 1.23456m));
        Assert.Contains("四位小数", Assert.Single(problems["values.FeesAmount"]));
        // A fee may have decimals, a count may not: 2.5 万元 is fine.
        Assert.Empty(Problems((C.FeesAmount, 2.5m)));
    }

    [Fact]
    public void A_value_and_not_applicable_for_the_same_cell_conflict()
    {
        var problems = ProactiveTable.Problems(new Dictionary<C, decimal> { [C.CoercionDecisions] = 0 }, [C.CoercionDecisions]);
        Assert.Equal("行政强制本年处理决定数量不能既填写数值又标为不适用。", Assert.Single(problems["values.CoercionDecisions"]));
    }

    [Fact]
    public void An_undefined_cell_is_refused_in_values_and_in_not_applicable()
    {
        var problems = ProactiveTable.Problems(new Dictionary<C, decimal> { [(C)99] = 1 }, [(C)(-1)]);
        Assert.Equal(["notApplicable", "values.99"], problems.Keys.Order());
        Assert.Equal("没有这一栏。", Assert.Single(problems["values.99"]));
    }

    [Fact]
    public void A_new_year_carries_only_last_years_in_force_counts()
    {
        var lastYear = AnnualReportTestData.Proactive2026;
        var carried = ProactiveTable.CarriedFrom(lastYear);

        Assert.Equal(2, carried.Values.Count);
        Assert.Equal(3m, carried[C.RegulationsInForce]);
        Assert.Equal(40m, carried[C.NormativeDocumentsInForce]);
        Assert.Null(carried[C.LicensingDecisions]);
        Assert.Empty(carried.NotApplicable); // last year's 不适用 (fees) is answered afresh
        Assert.Equal(8, carried.EmptyCells.Count());

        Assert.Empty(ProactiveTable.CarriedFrom(null).Values);
        var onlyRegulations = ProactiveTable.CarriedFrom(new ProactiveTable(new Dictionary<C, decimal> { [C.RegulationsInForce] = 9 }, [C.NormativeDocumentsInForce]));
        Assert.Equal([C.RegulationsInForce], onlyRegulations.Values.Keys);
    }

    [Fact]
    public void A_cell_prints_its_number_not_applicable_or_nothing()
    {
        var table = new ProactiveTable(new Dictionary<C, decimal>
        {
            [C.LicensingDecisions] = 120,
            [C.PenaltyDecisions] = 0,
            [C.FeesAmount] = 3.5000m,
        }, [C.CoercionDecisions]);

        Assert.Equal("120", table.Text(C.LicensingDecisions));
        Assert.Equal("0", table.Text(C.PenaltyDecisions));
        Assert.Equal("3.5", table.Text(C.FeesAmount));
        Assert.Equal("不适用", table.Text(C.CoercionDecisions));
        Assert.Equal("", table.Text(C.RegulationsIssued));
        Assert.Equal(6, table.EmptyCells.Count());
        Assert.DoesNotContain(C.CoercionDecisions, table.EmptyCells);
        Assert.DoesNotContain(C.PenaltyDecisions, table.EmptyCells); // 0 is an answer
    }
}
