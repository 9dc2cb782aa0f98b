using Gongkai.Contracts;

namespace Gongkai.Workflow.Domain.Lifecycle;

/// <summary>The formal reply types (brief §1.12): Art. 36's seven items plus Arts. 30, 35, 37, 38 and 39.</summary>
public enum ReplyType
{
    /// <summary>Art. 36(1): already proactively disclosed; tell where to get it.</summary>
    AlreadyPublic,

    /// <summary>Art. 36(2): disclosed.</summary>
    Disclose,

    /// <summary>Art. 37: separable content, part disclosed.</summary>
    PartiallyDisclose,

    /// <summary>Art. 36(3) with Arts. 14/15/16: not disclosed, with reasons.</summary>
    Withhold,

    /// <summary>Art. 36(4): the information does not exist after search.</summary>
    NotHeld,

    /// <summary>Art. 36(5): not this body's information; name the responsible body if known.</summary>
    NotThisBody,

    /// <summary>Art. 38: would require processing or analysis (另行制作).</summary>
    NeedsCreation,

    /// <summary>Art. 30: still unclear after correction.</summary>
    UnclearAfterCorrection,

    /// <summary>Art. 39 para 1: petition, complaint or report dressed as an application.</summary>
    PetitionOrComplaint,

    /// <summary>Art. 36(6): repeated application already answered.</summary>
    Repeated,

    /// <summary>Art. 39 para 2: asks for official publications.</summary>
    Publication,

    /// <summary>Art. 35: excessive quantity/frequency with unreasonable reasons.</summary>
    ExcessiveRequests,

    /// <summary>Practice: asks the body to confirm or re-issue information already obtained.</summary>
    ConfirmOrReissue,

    /// <summary>Art. 36(7): registration records with their own access rules in law.</summary>
    SpecialAccessRegime,

    /// <summary>Anything else (（六）3 其他).</summary>
    Other,

    /// <summary>Set by the lifecycle only: correction period missed (Art. 30).</summary>
    AbandonedNoCorrection,

    /// <summary>Set by the lifecycle only: fee not paid in time (109号).</summary>
    AbandonedNoFee,

    /// <summary>Set by the lifecycle only: the applicant withdrew.</summary>
    Withdrawn,
}

/// <summary>
/// The decision on an application: the reply type, the one annual-report leaf row it counts under, and the
/// reasons given to the applicant. The applicant category (the report's column) is a fact about the
/// applicant, so it lives once on <see cref="CaseLifecycle.ApplicantCategory"/> rather than being retyped here.
/// </summary>
public sealed record Decision(ReplyType ReplyType, AnnualReportOutcome Outcome, string Reasons = "");

/// <summary>Which report rows each reply type may count under, its legal basis, and whether reasons are required.</summary>
public static class DecisionRules
{
    private sealed record Rule(string Label, string Basis, AnnualReportOutcome[] Outcomes, bool NeedsReasons = false, bool SystemOnly = false);

    private static readonly AnnualReportOutcome[] WithheldRows =
    [
        AnnualReportOutcome.WithheldStateSecret, AnnualReportOutcome.WithheldProhibitedByLaw,
        AnnualReportOutcome.WithheldSecurityOrStability, AnnualReportOutcome.WithheldThirdPartyRights,
        AnnualReportOutcome.WithheldInternalAffairs, AnnualReportOutcome.WithheldProcessInformation,
        AnnualReportOutcome.WithheldEnforcementFile, AnnualReportOutcome.WithheldAdministrativeQuery,
    ];

    private static readonly Dictionary<ReplyType, Rule> Rules = new()
    {
        // UNSURE in the brief: the form has no "already disclosed" row; most units count it as 予以公开.
        [ReplyType.AlreadyPublic] = new("已主动公开", "条例第三十六条第（一）项", [AnnualReportOutcome.Disclosed]),
        [ReplyType.Disclose] = new("予以公开", "条例第三十六条第（二）项", [AnnualReportOutcome.Disclosed]),
        // The form counts a separable case only as 部分公开, never also elsewhere.
        [ReplyType.PartiallyDisclose] = new("部分公开", "条例第三十七条", [AnnualReportOutcome.PartiallyDisclosed], NeedsReasons: true),
        [ReplyType.Withhold] = new("不予公开", "条例第三十六条第（三）项", WithheldRows, NeedsReasons: true),
        [ReplyType.NotHeld] = new("信息不存在", "条例第三十六条第（四）项", [AnnualReportOutcome.UnavailableNotHeld]),
        // UNSURE in the brief: no dedicated row; default 无法提供1, some units use 其他.
        [ReplyType.NotThisBody] = new("非本机关负责公开", "条例第三十六条第（五）项",
            [AnnualReportOutcome.UnavailableNotHeld, AnnualReportOutcome.Other], NeedsReasons: true),
        [ReplyType.NeedsCreation] = new("需另行制作", "条例第三十八条", [AnnualReportOutcome.UnavailableNeedsCreation]),
        [ReplyType.UnclearAfterCorrection] = new("补正后仍不明确", "条例第三十条", [AnnualReportOutcome.UnavailableUnclearAfterCorrection]),
        [ReplyType.PetitionOrComplaint] = new("信访举报投诉类", "条例第三十九条第一款", [AnnualReportOutcome.NotHandledPetitionOrComplaint]),
        [ReplyType.Repeated] = new("重复申请", "条例第三十六条第（六）项", [AnnualReportOutcome.NotHandledRepeated]),
        [ReplyType.Publication] = new("要求提供公开出版物", "条例第三十九条第二款", [AnnualReportOutcome.NotHandledPublication]),
        [ReplyType.ExcessiveRequests] = new("无正当理由大量反复申请", "条例第三十五条", [AnnualReportOutcome.NotHandledExcessive], NeedsReasons: true),
        [ReplyType.ConfirmOrReissue] = new("要求确认或重新出具已获取信息", "工作实践", [AnnualReportOutcome.NotHandledConfirmOrReissue]),
        // UNSURE in the brief: usually counted as 其他.
        [ReplyType.SpecialAccessRegime] = new("按特别规定查询", "条例第三十六条第（七）项", [AnnualReportOutcome.Other]),
        [ReplyType.Other] = new("其他处理", "—", [AnnualReportOutcome.Other], NeedsReasons: true),
        [ReplyType.AbandonedNoCorrection] = new("逾期不补正视为放弃", "条例第三十条", [AnnualReportOutcome.OtherNoCorrection], SystemOnly: true),
        [ReplyType.AbandonedNoFee] = new("逾期未缴费视为放弃", "国办函〔2020〕109号", [AnnualReportOutcome.OtherNoFee], SystemOnly: true),
        // The brief has no row for withdrawal; "anything else" is （六）3 其他, so that is where it goes.
        [ReplyType.Withdrawn] = new("申请人撤回", "—", [AnnualReportOutcome.Other], SystemOnly: true),
    };

    public static string Label(this ReplyType type) => Rules[type].Label;

    public static string LegalBasis(this ReplyType type) => Rules[type].Basis;

    public static IReadOnlyList<AnnualReportOutcome> AllowedOutcomes(this ReplyType type) => Rules[type].Outcomes;

    public static bool RequiresReasons(this ReplyType type) => Rules[type].NeedsReasons;

    /// <summary>Reply types only the lifecycle itself may set (withdrawal and deemed abandonment).</summary>
    public static bool IsSystemOnly(this ReplyType type) => Rules[type].SystemOnly;

    /// <summary>Why a handler-drafted decision is not acceptable, in Chinese; empty if it is.</summary>
    public static IReadOnlyList<string> Problems(Decision decision)
    {
        var problems = new List<string>();
        if (!Rules.TryGetValue(decision.ReplyType, out var rule) || !Enum.IsDefined(decision.Outcome))
            return ["答复类型或年报办理结果不是规定的取值。"];
        if (rule.SystemOnly)
            problems.Add($"“{rule.Label}”由系统在撤回或视为放弃时自动认定，不能手工拟定。");
        if (!rule.Outcomes.Contains(decision.Outcome))
            problems.Add($"答复类型“{rule.Label}”不能计入年报“{decision.Outcome.Label()}”，可选：" +
                string.Join("；", rule.Outcomes.Select(o => o.Label())) + "。");
        if (rule.NeedsReasons && string.IsNullOrWhiteSpace(decision.Reasons))
            problems.Add($"答复类型“{rule.Label}”须说明理由（{rule.Basis}）。");
        return problems;
    }
}
