using Gongkai.Publishing.Domain.Catalogue;

namespace Gongkai.UnitTests.Publishing;

public class IndexNumberSchemeTests
{
    [Fact]
    public void The_default_is_the_national_2009_form_with_the_unit_code_as_prefix()
    {
        var scheme = IndexNumberScheme.National("510116-dsj");
        Assert.Empty(scheme.Problems());
        Assert.Equal("510116-dsj/2026-00001", scheme.Format(2026, "02", 1));
        Assert.Equal("000014349/2017-00110", IndexNumberScheme.National("000014349").Format(2017, "02", 110));
    }

    [Fact]
    public void The_series_restarts_each_year_and_per_subject_only_when_configured()
    {
        var national = IndexNumberScheme.National("000014349");
        Assert.NotEqual(national.SeriesKey(2026, "02"), national.SeriesKey(2027, "02"));
        Assert.Equal(national.SeriesKey(2026, "02"), national.SeriesKey(2026, "10"));

        IndexSegment[] segments =
        [
            new(IndexSegmentKind.CreditCode, "113708280043326001", Separator: "/"),
            new(IndexSegmentKind.Year, Separator: "-"),
            new(IndexSegmentKind.SubjectCode, Separator: "-"),
            new(IndexSegmentKind.Sequence, Width: 4),
        ];
        var shared = new IndexNumberScheme(segments);
        Assert.Equal(shared.SeriesKey(2026, "02"), shared.SeriesKey(2026, "0402"));
        var perSubject = new IndexNumberScheme(segments, RestartPerSubject: true);
        Assert.Empty(perSubject.Problems());
        Assert.NotEqual(perSubject.SeriesKey(2026, "02"), perSubject.SeriesKey(2026, "10"));
        // A second-level class numbers in its top class's series, and the number shows the top class.
        Assert.Equal(perSubject.SeriesKey(2026, "04"), perSubject.SeriesKey(2026, "0402"));
        Assert.Equal("113708280043326001/2026-04-0007", perSubject.Format(2026, "0402", 7));
    }

    [Fact]
    public void Serials_start_at_one_and_outgrow_their_width_rather_than_fail()
    {
        var scheme = IndexNumberScheme.National("X1");
        Assert.Throws<ArgumentOutOfRangeException>(() => scheme.Format(2026, "02", 0));
        Assert.Equal("X1/2026-123456", scheme.Format(2026, "02", 123456));
    }

    [Fact]
    public void A_region_code_scheme_with_a_six_digit_serial_is_valid()
    {
        var scheme = new IndexNumberScheme(
        [
            new(IndexSegmentKind.UnitCode, "6107280000", Separator: "/"),
            new(IndexSegmentKind.Year, Separator: "-"),
            new(IndexSegmentKind.Sequence, Width: 6),
        ]);
        Assert.Empty(scheme.Problems());
        Assert.Equal("6107280000/2024-001005", scheme.Format(2024, "02", 1005));
    }

    public static TheoryData<IndexSegment[], bool, string> BadSchemes => new()
    {
        { [new(IndexSegmentKind.UnitCode, "A", Separator: "/"), new(IndexSegmentKind.Year, Separator: "-"), new(IndexSegmentKind.SubjectCode)], false, "segments" },
        { [new(IndexSegmentKind.UnitCode, "A", Separator: "/"), new(IndexSegmentKind.Sequence, Width: 5, Separator: "-"), new(IndexSegmentKind.Sequence, Width: 5)], false, "segments" },
        { [new(IndexSegmentKind.UnitCode, "A", Separator: "/"), new(IndexSegmentKind.Year, Separator: "-"), new(IndexSegmentKind.Sequence, Width: 2)], false, "segments[2].width" },
        { [new(IndexSegmentKind.UnitCode, "A", Separator: "/"), new(IndexSegmentKind.Year, Separator: "-"), new(IndexSegmentKind.Sequence, Width: 9)], false, "segments[2].width" },
        { [new(IndexSegmentKind.UnitCode, "A", Separator: "/"), new(IndexSegmentKind.SubjectCode, Separator: "-"), new(IndexSegmentKind.Sequence, Width: 5)], false, "segments" },
        { [new(IndexSegmentKind.UnitCode, "A", Separator: "/"), new(IndexSegmentKind.Year, Separator: "-"), new(IndexSegmentKind.Sequence, Width: 5)], true, "restartPerSubject" },
        { [new(IndexSegmentKind.CreditCode, "113708280043326002", Separator: "/"), new(IndexSegmentKind.Year, Separator: "-"), new(IndexSegmentKind.Sequence, Width: 5)], false, "segments[0].value" },
        { [new(IndexSegmentKind.UnitCode, "单位", Separator: "/"), new(IndexSegmentKind.Year, Separator: "-"), new(IndexSegmentKind.Sequence, Width: 5)], false, "segments[0].value" },
        { [new(IndexSegmentKind.UnitCode, "A", Separator: "#"), new(IndexSegmentKind.Year, Separator: "-"), new(IndexSegmentKind.Sequence, Width: 5)], false, "segments[0].separator" },
        { [new(IndexSegmentKind.UnitCode, "A", Separator: "/"), new(IndexSegmentKind.Year, Separator: "-"), new(IndexSegmentKind.Sequence, Width: 5, Separator: "-")], false, "segments[2].separator" },
        { [new(IndexSegmentKind.Year, Separator: "-"), new(IndexSegmentKind.SubjectCode, Separator: "-"), new(IndexSegmentKind.Sequence, Width: 5)], false, "segments" },
    };

    [Theory]
    [MemberData(nameof(BadSchemes))]
    public void A_scheme_that_could_repeat_or_garble_numbers_is_refused(IndexSegment[] segments, bool restartPerSubject, string field)
    {
        var problems = new IndexNumberScheme(segments, restartPerSubject).Problems();
        Assert.Contains(field, problems.Keys);
        Assert.All(problems.Values.SelectMany(m => m), m => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", m));
    }

    [Theory]
    [InlineData("113708280043326001", true)]
    [InlineData("91350100M000100Y43", true)]
    [InlineData("91350100M000100Y44", false)]
    [InlineData("91350100M000100Y4", false)]
    [InlineData("91350100I000100Y43", false)]
    public void Credit_codes_are_checked_by_their_check_character(string code, bool valid) =>
        Assert.Equal(valid, IndexNumberScheme.IsCreditCode(code));
}
