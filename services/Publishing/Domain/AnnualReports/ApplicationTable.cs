using Gongkai.Contracts;

namespace Gongkai.Publishing.Domain.AnnualReports;

/// <summary>
/// The 25 numeric rows of table 三 (收到和处理政府信息公开申请情况): 一 new, 二 carried over, the 21 result rows (named as
/// the outcomes they count), （七）总计 and 四 carried forward.
/// </summary>
public enum ApplicationTableRow
{
    New,
    CarriedOver,
    Disclosed,
    PartiallyDisclosed,
    WithheldStateSecret,
    WithheldProhibitedByLaw,
    WithheldSecurityOrStability,
    WithheldThirdPartyRights,
    WithheldInternalAffairs,
    WithheldProcessInformation,
    WithheldEnforcementFile,
    WithheldAdministrativeQuery,
    UnavailableNotHeld,
    UnavailableNeedsCreation,
    UnavailableUnclearAfterCorrection,
    NotHandledPetitionOrComplaint,
    NotHandledRepeated,
    NotHandledPublication,
    NotHandledExcessive,
    NotHandledConfirmOrReissue,
    OtherNoCorrection,
    OtherNoFee,
    Other,
    Total,
    CarriedForward,
}

/// <summary>One case (or imported application) behind a cell, for the drill-down.</summary>
public sealed record CountedCaseRef(Guid CaseId, string CaseNumber, ApplicantCategory ApplicantCategory, DateOnly CountedFrom, DateOnly? ClosedOn,
    AnnualReportOutcome? Outcome, bool Imported);

/// <summary>
/// Table 三 of one year: counts per row in the column order of the form — the six applicant categories, then 总计.
/// </summary>
public sealed record ApplicationTable(IReadOnlyDictionary<ApplicationTableRow, int[]> Counts)
{
    public const int TotalColumn = 6;
    public static readonly ApplicantCategory[] Categories = Enum.GetValues<ApplicantCategory>();

    public int this[ApplicationTableRow row, int column] => Counts.TryGetValue(row, out var counts) ? counts[column] : 0;

    public int Total(ApplicationTableRow row) => this[row, TotalColumn];

    public static ApplicationTableRow RowOf(AnnualReportOutcome outcome) => Enum.Parse<ApplicationTableRow>(outcome.ToString());

    public static IEnumerable<ApplicationTableRow> ResultRows => Enum.GetValues<AnnualReportOutcome>().Select(RowOf);

    /// <summary>
    /// The counting rules (brief §3.3) for one handling and one year: 一 if it was received that year; 二 if received
    /// earlier and not closed before the year began; its result row and （七）总计 if closed that year; 四 if received by
    /// the year's end and not closed by it. So every column balances (一 + 二 = （七） + 四) by construction.
    /// </summary>
    public static IEnumerable<ApplicationTableRow> RowsOf(CountedHandling handling, int year)
    {
        var from = handling.CountedFrom.Year;
        var closed = handling.ClosedOn?.Year;
        if (from > year || closed < year)
            yield break;
        yield return from == year ? ApplicationTableRow.New : ApplicationTableRow.CarriedOver;
        if (closed == year && handling.Outcome is { } outcome)
        {
            yield return RowOf(outcome);
            yield return ApplicationTableRow.Total;
        }
        else
            yield return ApplicationTableRow.CarriedForward;
    }

    /// <summary>Every (row, case) pair of the year; a cell's cases are those of its row with the column's category.</summary>
    public static IEnumerable<(ApplicationTableRow Row, CountedCaseRef Case)> Cells(int year, IEnumerable<ReportedCase> cases) =>
        from c in cases
        from h in c.Handlings
        from row in RowsOf(h, year)
        select (row, new CountedCaseRef(c.CaseId, c.CaseNumber, c.ApplicantCategory, h.CountedFrom, h.ClosedOn, h.Outcome, c.Imported));

    public static ApplicationTable Count(int year, IEnumerable<ReportedCase> cases)
    {
        var counts = Enum.GetValues<ApplicationTableRow>().ToDictionary(r => r, _ => new int[Categories.Length + 1]);
        foreach (var (row, c) in Cells(year, cases))
        {
            counts[row][(int)c.ApplicantCategory]++;
            counts[row][TotalColumn]++;
        }
        return new ApplicationTable(counts);
    }

    /// <summary>The official label of a row, exactly as printed.</summary>
    public static string Label(ApplicationTableRow row) => row switch
    {
        ApplicationTableRow.New => "一、本年新收政府信息公开申请数量",
        ApplicationTableRow.CarriedOver => "二、上年结转政府信息公开申请数量",
        ApplicationTableRow.Total => "（七）总计",
        ApplicationTableRow.CarriedForward => "四、结转下年度继续办理",
        _ => Enum.Parse<AnnualReportOutcome>(row.ToString()).Label(),
    };

    public static string ColumnLabel(int column) => column == TotalColumn ? "总计" : Categories[column].Label();
}
