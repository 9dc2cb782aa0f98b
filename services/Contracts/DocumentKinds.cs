namespace Gongkai.Contracts;

/// <summary>Kinds of standard documents (brief §4.4) and the field names DocumentRequested carries for them.</summary>
public static class DocumentKinds
{
    public const string Receipt = "receipt";                                   // 接收回执
    public const string CorrectionNotice = "correction-notice";                // 补正告知书
    public const string ExplainReasonsNotice = "explain-reasons-notice";       // 说明理由告知书 (Art. 35)
    public const string ExtensionNotice = "extension-notice";                  // 延期答复告知书
    public const string ThirdPartyLetter = "third-party-letter";               // 征求意见书（给第三方）
    public const string ThirdPartyApplicantNotice = "third-party-applicant-notice"; // 征求意见告知书（给申请人）
    public const string AgencyLetter = "agency-letter";                        // 征求意见书（给共同制作机关）
    public const string AssistLetter = "assist-letter";                        // 协办函
    public const string FeeNotice = "fee-notice";                              // 收费通知书
    public const string Reply = "reply";                                       // 答复书 (one template per reply type)

    /// <summary>Names of DocumentRequested.Fields.</summary>
    public static class Fields
    {
        public const string ReplyType = "replyType";           // Workflow's ReplyType name, e.g. PartiallyDisclose
        public const string Outcome = "outcome";               // AnnualReportOutcome name, e.g. WithheldThirdPartyRights
        public const string Reasons = "reasons";
        public const string CorrectionItems = "correctionItems";
        public const string PeriodWorkingDays = "periodWorkingDays";
        public const string Due = "due";                       // YYYY-MM-DD
        public const string Party = "party";                   // third party, agency or assisting unit
        public const string Question = "question";
        public const string ExtensionWorkingDays = "extensionWorkingDays";
        public const string FeeAmount = "feeAmount";
        public const string FeeBasis = "feeBasis";
        public const string ReferTo = "referTo";               // Art. 36(5): the body to apply to, with its contact
        public const string UnitName = "unitName";             // the issuing unit's full name, when Document has none configured
    }
}
