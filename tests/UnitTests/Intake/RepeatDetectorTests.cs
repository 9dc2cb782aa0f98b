using Gongkai.Intake.Domain;

namespace Gongkai.UnitTests.Intake;

public class RepeatDetectorTests
{
    private static readonly RepeatDetectionOptions Options = new();
    private const string Me = "me";

    private static RepeatCandidate Earlier(string number, string? applicant, string description, string? documentNumber = null) =>
        new(Guid.NewGuid(), number, applicant, description, documentNumber);

    [Fact]
    public void Identical_descriptions_are_fully_similar_and_unrelated_ones_are_not()
    {
        Assert.Equal(1.0, RepeatDetector.Similarity("2025年老旧小区改造资金拨付文件", "2025年老旧小区改造资金拨付文件"));
        Assert.True(RepeatDetector.Similarity("2025年老旧小区改造资金拨付文件", "2025 年 老旧小区改造 资金拨付文件。") > 0.95);
        Assert.True(RepeatDetector.Similarity("2025年老旧小区改造资金拨付文件", "2024年老旧小区改造资金拨付文件") >= Options.SimilarityThreshold);
        Assert.True(RepeatDetector.Similarity("2025年老旧小区改造资金拨付文件", "街道办事处领导班子分工通知") < 0.2);
    }

    [Fact]
    public void The_same_document_number_is_the_same_information_however_it_is_described() =>
        Assert.Equal(1.0, RepeatDetector.Similarity("那份文件", "双府发〔2025〕12号", "关于印发实施方案的通知", "双府发(2025)12号"));

    [Fact]
    public void The_same_applicant_asking_again_is_an_Art_35_or_36_candidate()
    {
        var flags = RepeatDetector.Detect(Me, "2025年老旧小区改造资金拨付文件", null,
            [Earlier("A-2026-00001", Me, "2025年老旧小区改造资金拨付文件"), Earlier("A-2026-00002", Me, "街道办事处领导班子分工通知")], Options);
        var flag = Assert.Single(flags);
        Assert.Equal(FlagKind.RepeatedByApplicant, flag.Kind);
        Assert.Equal(["A-2026-00001"], flag.RelatedApplicationNumbers);
        Assert.Equal(1.0, flag.Similarity);
    }

    [Fact]
    public void Another_applicant_asking_for_the_same_subject_is_an_Art_44_candidate()
    {
        var flags = RepeatDetector.Detect(Me, "2025年老旧小区改造资金拨付文件", null,
            [Earlier("A-2026-00001", "someone", "2025年老旧小区改造资金拨付文件"), Earlier("A-2026-00002", "another", "2025年老旧小区改造资金的拨付文件")], Options);
        var flag = Assert.Single(flags);
        Assert.Equal(FlagKind.SameSubjectSeveralApplicants, flag.Kind);
        Assert.Equal(2, flag.RelatedApplicationNumbers.Count);
    }

    [Fact]
    public void The_number_of_applicants_for_an_Art_44_flag_is_configurable()
    {
        var three = new RepeatDetectionOptions { MinApplicantsForSameSubject = 3 };
        var earlier = new[] { Earlier("A-2026-00001", "someone", "2025年老旧小区改造资金拨付文件") };
        Assert.Empty(RepeatDetector.Detect(Me, "2025年老旧小区改造资金拨付文件", null, earlier, three));
        Assert.Single(RepeatDetector.Detect(Me, "2025年老旧小区改造资金拨付文件", null,
            [.. earlier, Earlier("A-2026-00002", "another", "2025年老旧小区改造资金拨付文件")], three));
    }

    [Fact]
    public void Both_flags_can_come_together_and_dissimilar_or_unidentified_applications_raise_none()
    {
        var both = RepeatDetector.Detect(Me, "2025年老旧小区改造资金拨付文件", null,
            [Earlier("A-2026-00001", Me, "2025年老旧小区改造资金拨付文件"), Earlier("A-2026-00002", "someone", "2025年老旧小区改造资金拨付文件")], Options);
        Assert.Equal([FlagKind.RepeatedByApplicant, FlagKind.SameSubjectSeveralApplicants], both.Select(f => f.Kind));

        Assert.Empty(RepeatDetector.Detect(Me, "2025年老旧小区改造资金拨付文件", null,
            [Earlier("A-2026-00001", Me, "街道办事处领导班子分工通知"), Earlier("A-2026-00002", null, "2025年老旧小区改造资金拨付文件")], Options));
    }
}
