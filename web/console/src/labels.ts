// Chinese labels for the API's enum names; the wording follows the services' own labels.

export const roleLabels: Record<string, string> = {
  registrar: '登记员',
  handler: '承办人',
  legal_counsel: '法律顾问',
  approver: '负责人（签发）',
  unit_admin: '单位管理员',
  district_supervisor: '区级监督员',
  platform_admin: '平台管理员',
}

export const caseStateLabels: Record<string, string> = {
  Received: '已登记',
  CorrectionRequested: '待补正',
  Triage: '审查分办',
  Search: '检索中',
  ThirdPartyConsultation: '征求第三方意见',
  AgencyConsultation: '征求其他机关意见',
  Assisting: '协办中',
  FeeNoticeIssued: '待缴费',
  ExplainReasonsRequested: '待说明理由',
  DecisionDrafted: '已拟办',
  UnderReview: '审查审批中',
  Approved: '已签发',
  DocumentIssued: '文书已制作',
  Delivered: '已送达',
  Closed: '已办结',
  Archived: '已归档',
}

export const closedStates = ['Delivered', 'Closed', 'Archived']

export const closureReasonLabels: Record<string, string> = {
  Replied: '答复已送达',
  RepliedOnTheSpot: '当场答复',
  Withdrawn: '申请人撤回',
  AbandonedNoCorrection: '逾期不补正，视为放弃申请',
  AbandonedNoFee: '逾期未缴费，视为放弃申请',
}

export const caseActionLabels: Record<string, string> = {
  RequestCorrection: '发出补正通知',
  ReceiveCorrection: '登记补正材料',
  AbandonForNoCorrection: '按逾期不补正办结',
  StartTriage: '开始审查分办',
  StartSearch: '开始检索',
  StartThirdPartyConsultation: '征求第三方意见',
  StartAgencyConsultation: '征求其他机关意见',
  EndConsultation: '结束征求意见',
  RequestAssist: '发起协办',
  ReceiveAssistReply: '登记协办回复',
  IssueFeeNotice: '发出收费通知',
  RecordPayment: '登记缴费',
  AbandonForNoFee: '按逾期未缴费办结',
  RecordLetterReceived: '登记文书送达日期',
  ExtendDeadline: '延长答复期限',
  RequestExplanation: '要求申请人说明理由',
  ReceiveExplanation: '登记理由说明',
  SetReasonableDelay: '确定合理的延迟答复期限',
  DraftDecision: '拟定答复意见',
  RequestReview: '提交审核',
  Approve: '审批签发',
  ReturnForRework: '退回重办',
  IssueDocument: '制作答复文书',
  Deliver: '登记送达',
  Close: '办结',
  Archive: '归档',
  Withdraw: '登记撤回申请',
  ReplyOnTheSpot: '当场答复',
  Reopen: '重新办理',
}

export const applicantCategoryLabels: Record<string, string> = {
  NaturalPerson: '自然人',
  CommercialEnterprise: '商业企业',
  ResearchInstitution: '科研机构',
  PublicInterestOrganization: '社会公益组织',
  LegalServiceInstitution: '法律服务机构',
  Other: '其他',
}

export const organisationCategoryLabels: Record<string, string> = {
  CommercialEnterprise: '商业企业',
  ResearchInstitution: '科研机构',
  PublicInterestOrganization: '社会公益组织',
  LegalServiceInstitution: '法律服务机构',
  Other: '其他',
}

export const channelLabels: Record<string, string> = {
  Online: '网上申请',
  InPerson: '当面提交',
  PostSigned: '邮寄（需签收）',
  PostUnsigned: '平常信函',
  Fax: '传真',
  Email: '电子邮件',
  OralTranscribed: '口头申请（代为填写）',
  CityPlatform: '市级平台转来',
}

/** Art. 31: these channels fix the legal receipt date only when both sides confirm. */
export const channelsNeedingConfirmation = ['Online', 'PostUnsigned', 'Fax', 'Email', 'CityPlatform']

export const applicantKindLabels: Record<string, string> = {
  NaturalPerson: '自然人',
  Organisation: '法人或其他组织',
}

export const idTypeLabels: Record<string, string> = {
  ResidentIdCard: '居民身份证',
  ResidencePermitHkMoTw: '港澳台居民居住证',
  Passport: '护照',
  HkMacaoPermit: '港澳居民来往内地通行证',
  TaiwanPermit: '台湾居民来往大陆通行证',
  ForeignPermanentResidentId: '外国人永久居留身份证',
  Other: '其他证件',
}

export const requestedFormLabels: Record<string, string> = {
  Paper: '纸质',
  Electronic: '电子数据',
  Email: '电子邮件',
  Disc: '光盘',
  Inspection: '当场查阅',
}

export const deliveryRouteLabels: Record<string, string> = {
  PickUp: '自行领取',
  Post: '邮寄',
  Email: '电子邮件',
  Online: '网上获取',
}

export const confirmationMethodLabels: Record<string, string> = {
  Phone: '电话',
  Sms: '短信',
  Email: '电子邮件',
  OnlineReceipt: '网上回执',
  Fax: '传真',
  InPerson: '当面',
  Other: '其他',
}

export const applicationStatusLabels: Record<string, string> = {
  AwaitingConfirmation: '待确认收到',
  Registered: '已登记',
}

export const attachmentKindLabels: Record<string, string> = {
  IdentityProof: '身份证明',
  PowerOfAttorney: '授权委托书',
  Other: '其他',
}

export const deliveryMethodLabels: Record<string, string> = {
  InPerson: '当面交付',
  Post: '邮寄',
  Email: '电子邮件',
  Online: '网上平台',
  Fax: '传真',
}

export const feeMethodLabels: Record<string, string> = {
  PerItem: '按件计收',
  PerVolume: '按量计收',
}

export const requestKindLabels: Record<string, string> = {
  Correction: '补正',
  ThirdPartyOpinion: '征求第三方意见',
  AgencyOpinion: '征求其他机关意见',
  Assist: '协办',
  FeePayment: '信息处理费',
  Explanation: '说明理由',
}

export const outcomeLabels: Record<string, string> = {
  Disclosed: '（一）予以公开',
  PartiallyDisclosed: '（二）部分公开',
  WithheldStateSecret: '（三）不予公开 / 1.属于国家秘密',
  WithheldProhibitedByLaw: '（三）不予公开 / 2.其他法律行政法规禁止公开',
  WithheldSecurityOrStability: '（三）不予公开 / 3.危及“三安全一稳定”',
  WithheldThirdPartyRights: '（三）不予公开 / 4.保护第三方合法权益',
  WithheldInternalAffairs: '（三）不予公开 / 5.属于三类内部事务信息',
  WithheldProcessInformation: '（三）不予公开 / 6.属于四类过程性信息',
  WithheldEnforcementFile: '（三）不予公开 / 7.属于行政执法案卷',
  WithheldAdministrativeQuery: '（三）不予公开 / 8.属于行政查询事项',
  UnavailableNotHeld: '（四）无法提供 / 1.本机关不掌握相关政府信息',
  UnavailableNeedsCreation: '（四）无法提供 / 2.没有现成信息需要另行制作',
  UnavailableUnclearAfterCorrection: '（四）无法提供 / 3.补正后申请内容仍不明确',
  NotHandledPetitionOrComplaint: '（五）不予处理 / 1.信访举报投诉类申请',
  NotHandledRepeated: '（五）不予处理 / 2.重复申请',
  NotHandledPublication: '（五）不予处理 / 3.要求提供公开出版物',
  NotHandledExcessive: '（五）不予处理 / 4.无正当理由大量反复申请',
  NotHandledConfirmOrReissue: '（五）不予处理 / 5.要求行政机关确认或重新出具已获取信息',
  OtherNoCorrection: '（六）其他处理 / 1.逾期不补正',
  OtherNoFee: '（六）其他处理 / 2.逾期未缴费',
  Other: '（六）其他处理 / 3.其他',
}

const withheld = [
  'WithheldStateSecret',
  'WithheldProhibitedByLaw',
  'WithheldSecurityOrStability',
  'WithheldThirdPartyRights',
  'WithheldInternalAffairs',
  'WithheldProcessInformation',
  'WithheldEnforcementFile',
  'WithheldAdministrativeQuery',
]

/** Reply types a handler may draft, with the report rows each may count under (Workflow's DecisionRules). */
export const replyTypes: Record<string, { label: string; basis: string; outcomes: string[]; needsReasons?: boolean }> = {
  AlreadyPublic: { label: '已主动公开', basis: '条例第三十六条第（一）项', outcomes: ['Disclosed'] },
  Disclose: { label: '予以公开', basis: '条例第三十六条第（二）项', outcomes: ['Disclosed'] },
  PartiallyDisclose: { label: '部分公开', basis: '条例第三十七条', outcomes: ['PartiallyDisclosed'], needsReasons: true },
  Withhold: { label: '不予公开', basis: '条例第三十六条第（三）项', outcomes: withheld, needsReasons: true },
  NotHeld: { label: '信息不存在', basis: '条例第三十六条第（四）项', outcomes: ['UnavailableNotHeld'] },
  NotThisBody: { label: '非本机关负责公开', basis: '条例第三十六条第（五）项', outcomes: ['UnavailableNotHeld', 'Other'], needsReasons: true },
  NeedsCreation: { label: '需另行制作', basis: '条例第三十八条', outcomes: ['UnavailableNeedsCreation'] },
  UnclearAfterCorrection: { label: '补正后仍不明确', basis: '条例第三十条', outcomes: ['UnavailableUnclearAfterCorrection'] },
  PetitionOrComplaint: { label: '信访举报投诉类', basis: '条例第三十九条第一款', outcomes: ['NotHandledPetitionOrComplaint'] },
  Repeated: { label: '重复申请', basis: '条例第三十六条第（六）项', outcomes: ['NotHandledRepeated'] },
  Publication: { label: '要求提供公开出版物', basis: '条例第三十九条第二款', outcomes: ['NotHandledPublication'] },
  ExcessiveRequests: { label: '无正当理由大量反复申请', basis: '条例第三十五条', outcomes: ['NotHandledExcessive'], needsReasons: true },
  ConfirmOrReissue: { label: '要求确认或重新出具已获取信息', basis: '工作实践', outcomes: ['NotHandledConfirmOrReissue'] },
  SpecialAccessRegime: { label: '按特别规定查询', basis: '条例第三十六条第（七）项', outcomes: ['Other'] },
  Other: { label: '其他处理', basis: '—', outcomes: ['Other'], needsReasons: true },
}

export const replyTypeLabels: Record<string, string> = {
  ...Object.fromEntries(Object.entries(replyTypes).map(([k, v]) => [k, v.label])),
  AbandonedNoCorrection: '逾期不补正视为放弃',
  AbandonedNoFee: '逾期未缴费视为放弃',
  Withdrawn: '申请人撤回',
}

export const reviewStateLabels: Record<string, string> = {
  InProgress: '审查中',
  Approved: '已通过',
  Returned: '已退回',
}

export const reviewStepStateLabels: Record<string, string> = {
  Waiting: '未开始',
  Pending: '待审查',
  Approved: '同意',
  Returned: '退回',
  Escalated: '已提请上级',
}

export const verdictLabels: Record<string, string> = {
  Approve: '同意',
  Return: '退回',
  Escalate: '提请上级审查',
}

export const reviewSubjectLabels: Record<string, string> = {
  Case: '依申请公开案件',
  Publication: '主动公开信息',
  AnnualReport: '年度报告',
}

export const itemStateLabels: Record<string, string> = {
  Draft: '草稿',
  UnderReview: '审核中',
  Published: '已公开',
  Withdrawn: '已撤回',
  AwaitingPolicy: '待政策公开',
}

export const reportStateLabels: Record<string, string> = {
  Draft: '起草中',
  InReview: '审核签发中',
  Published: '已公布',
}

/** The 26 grassroots key domains (services/Contracts/KeyDomains.cs), codes "01".."26"; a case without one is 未分类. */
export const keyDomains: { code: string; name: string }[] = [
  { code: '01', name: '城乡规划' },
  { code: '02', name: '重大建设项目' },
  { code: '03', name: '公共资源交易' },
  { code: '04', name: '财政预决算' },
  { code: '05', name: '安全生产' },
  { code: '06', name: '税收管理' },
  { code: '07', name: '国有土地上房屋征收与补偿' },
  { code: '08', name: '农村集体土地征收' },
  { code: '09', name: '保障性住房' },
  { code: '10', name: '农村危房改造' },
  { code: '11', name: '生态环境' },
  { code: '12', name: '公共文化服务' },
  { code: '13', name: '公共法律服务' },
  { code: '14', name: '扶贫' },
  { code: '15', name: '救灾' },
  { code: '16', name: '社会救助' },
  { code: '17', name: '养老服务' },
  { code: '18', name: '户籍管理' },
  { code: '19', name: '涉农补贴' },
  { code: '20', name: '就业' },
  { code: '21', name: '社会保险' },
  { code: '22', name: '义务教育' },
  { code: '23', name: '卫生健康' },
  { code: '24', name: '食品药品监管' },
  { code: '25', name: '城市综合执法' },
  { code: '26', name: '市政服务' },
]

export const unclassifiedDomain = '未分类'

/** What a 红黑榜 scoring rule reads (Publishing's ScoringRules.Label). */
export const scoredIndicatorLabels: Record<string, string> = {
  OnTimeRate: '按时办结率',
  AverageWorkingDays: '平均答复用时（工作日）',
  Percentile90WorkingDays: '90% 答复用时（工作日）',
  ClosedLate: '超期办结件数',
  OverdueOpen: '逾期未办结件数',
  Extended: '延期答复件数',
  ReviewReturns: '审核退回次数',
  AppealsCorrected: '复议诉讼被纠错件数',
  ItemsOnTimeRate: '主动公开按时率',
  EmptyObligations: '空白栏目数',
  AnnualReportLate: '年度报告未按时公布',
  SpotCheckProblems: '抽查发现问题件数',
}

/** Only these may be scored in proportion. */
export const rateIndicators = ['OnTimeRate', 'ItemsOnTimeRate']

export const scoringMethodLabels: Record<string, string> = {
  Proportional: '按比例计分',
  Deduct: '按件扣分',
  AtMost: '达标得分',
}

export const standingLabels: Record<string, string> = {
  RedList: '红榜',
  BlackList: '黑榜',
  None: '—',
}

export const bulletinStateLabels: Record<string, string> = {
  Draft: '草稿',
  Published: '已印发',
}

export const spotCheckStateLabels: Record<string, string> = {
  Drawn: '待检查',
  Compliant: '规范',
  ProblemsFound: '发现问题，待整改',
  Rectified: '已整改',
}

export const label = (map: Record<string, string>, key: string | null | undefined) => (key ? (map[key] ?? key) : '—')

export const options = (map: Record<string, string>) => Object.entries(map).map(([value, label]) => ({ value, label }))
