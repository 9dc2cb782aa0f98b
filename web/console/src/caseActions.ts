// Each lifecycle action (Workflow's CaseAction) → its POST route under /api/workflow/cases/{id}/ and its body fields
// (CaseActionsApi's request records). Dates left empty mean "today" to the API.
import { caseActionLabels, deliveryMethodLabels, feeMethodLabels } from './labels'

export type FieldType = 'text' | 'textarea' | 'date' | 'int' | 'select' | 'replyType' | 'outcome'

export interface ActionField {
  key: string
  label: string
  type: FieldType
  required?: boolean
  options?: Record<string, string>
  initial?: string | number
  hint?: string
}

export interface ActionDefinition {
  name: string
  label: string
  route: string
  roles: string[]
  fields: ActionField[]
  /** Shown in the dialog: what the action means in law or practice. */
  note?: string
}

const H = 'handler'
const R = 'registrar'
const A = 'approver'
const U = 'unit_admin'

const d = (key: string, label: string, hint = '不填则为今天'): ActionField => ({ key, label, type: 'date', hint })
const t = (key: string, label: string, required = true): ActionField => ({ key, label, type: 'textarea', required })

const definitions: Omit<ActionDefinition, 'label'>[] = [
  {
    name: 'RequestCorrection', route: 'correction-requests', roles: [H],
    fields: [t('items', '需补正的事项'), { key: 'periodWorkingDays', label: '补正期限（工作日）', type: 'int', initial: 15 }, d('noticeSentOn', '通知发出日期'), d('noticeReceivedOn', '申请人收到通知日期', '未知可不填')],
    note: '补正通知应一次性告知需要补正的事项（条例第三十条）。',
  },
  { name: 'ReceiveCorrection', route: 'corrections', roles: [H, R], fields: [d('on', '收到补正材料日期')] },
  { name: 'AbandonForNoCorrection', route: 'abandonment-no-correction', roles: [H], fields: [], note: '申请人无正当理由逾期不补正的，视为放弃申请。' },
  { name: 'StartTriage', route: 'triage', roles: [H], fields: [] },
  { name: 'StartSearch', route: 'search', roles: [H], fields: [] },
  {
    name: 'StartThirdPartyConsultation', route: 'third-party-consultations', roles: [H],
    fields: [{ key: 'party', label: '第三方名称', type: 'text', required: true }, d('letterSentOn', '征求意见函发出日期'), d('letterReceivedOn', '第三方收到日期', '未知可不填')],
    note: '征求第三方意见所需时间不计入答复期限（条例第三十二条）。',
  },
  {
    name: 'StartAgencyConsultation', route: 'agency-consultations', roles: [H],
    fields: [{ key: 'party', label: '被征求意见的机关', type: 'text', required: true }, d('letterSentOn', '征求意见函发出日期'), d('letterReceivedOn', '对方收到日期', '未知可不填')],
  },
  { name: 'EndConsultation', route: 'consultation-answers', roles: [H], fields: [d('answeredOn', '收到意见日期'), t('text', '意见内容')] },
  {
    name: 'RequestAssist', route: 'assist-requests', roles: [H],
    fields: [{ key: 'unit', label: '协办单位', type: 'text', required: true }, t('question', '协办事项'), d('sentOn', '发出日期'), { key: 'answerWithinWorkingDays', label: '答复期限（工作日）', type: 'int', initial: 5 }],
  },
  { name: 'ReceiveAssistReply', route: 'assist-replies', roles: [H], fields: [d('answeredOn', '收到回复日期'), t('text', '回复内容')] },
  {
    name: 'IssueFeeNotice', route: 'fee-notices', roles: [H],
    fields: [
      { key: 'method', label: '收费方式', type: 'select', options: feeMethodLabels, required: true },
      { key: 'quantity', label: '件数或页数', type: 'int', required: true },
      { key: 'earlierItemsThisMonth', label: '本月已申请件数（按件计收时）', type: 'int', initial: 0 },
      d('issuedOn', '通知发出日期'),
      d('noticeReceivedOn', '申请人收到通知日期', '未知可不填'),
    ],
    note: '收费标准见国办函〔2020〕109号；缴费期间不计入答复期限。',
  },
  { name: 'RecordPayment', route: 'payments', roles: [H, R], fields: [d('on', '缴费日期')] },
  { name: 'AbandonForNoFee', route: 'abandonment-no-fee', roles: [H], fields: [], note: '逾期未缴纳信息处理费的，视为放弃申请。' },
  { name: 'RecordLetterReceived', route: 'letters-received', roles: [H, R], fields: [d('on', '对方收到文书日期')] },
  {
    name: 'ExtendDeadline', route: 'extensions', roles: [A],
    fields: [{ key: 'workingDays', label: '延长工作日数', type: 'int', initial: 20 }, t('reason', '延期理由'), d('decidedOn', '决定日期')],
    note: '经政府信息公开工作机构负责人同意，可延长答复期限一次，最长不超过 20 个工作日（条例第三十三条）。',
  },
  {
    name: 'RequestExplanation', route: 'explanation-requests', roles: [H],
    fields: [t('why', '要求说明理由的原因'), { key: 'replyWithinWorkingDays', label: '说明期限（工作日）', type: 'int', initial: 10 }, d('sentOn', '发出日期'), d('receivedOn', '申请人收到日期', '未知可不填')],
    note: '申请数量、频次明显超过合理范围的，可要求申请人说明理由（条例第三十五条）。',
  },
  { name: 'ReceiveExplanation', route: 'explanations', roles: [H], fields: [d('answeredOn', '收到说明日期'), t('text', '说明内容')] },
  {
    name: 'SetReasonableDelay', route: 'reasonable-delays', roles: [A],
    fields: [{ key: 'until', label: '延迟答复至', type: 'date', required: true }, t('reason', '理由'), d('decidedOn', '决定日期')],
  },
  {
    name: 'DraftDecision', route: 'decision', roles: [H],
    fields: [
      { key: 'replyType', label: '答复类型', type: 'replyType', required: true },
      { key: 'outcome', label: '年度报告办理结果', type: 'outcome', required: true },
      { key: 'reasons', label: '理由', type: 'textarea' },
    ],
  },
  { name: 'RequestReview', route: 'review-requests', roles: [H], fields: [], note: '提交后按本单位审查规则进入保密审查、合法性审查和负责人签发。' },
  {
    name: 'Deliver', route: 'deliveries', roles: [H, R],
    fields: [
      { key: 'method', label: '送达方式', type: 'select', options: deliveryMethodLabels, required: true },
      d('deliveredOn', '送达日期'),
      t('evidence', '送达凭证（如 EMS 单号、签收情况）'),
    ],
    note: '送达凭证的扫描件可在案件页「送达凭证」中上传。',
  },
  { name: 'Close', route: 'closure', roles: [H], fields: [d('on', '办结日期')] },
  { name: 'Archive', route: 'archive', roles: [H, U], fields: [], note: '归档后案卷封存，不能再添加送达凭证。' },
  { name: 'Withdraw', route: 'withdrawal', roles: [H, R], fields: [d('withdrawnOn', '撤回日期'), t('reason', '撤回情况')] },
  {
    name: 'ReplyOnTheSpot', route: 'on-the-spot-reply', roles: [H, R],
    fields: [
      { key: 'replyType', label: '答复类型', type: 'replyType', required: true },
      { key: 'outcome', label: '年度报告办理结果', type: 'outcome', required: true },
      { key: 'reasons', label: '理由', type: 'textarea' },
      d('on', '答复日期'),
    ],
    note: '能够当场答复的，应当当场予以答复（条例第三十三条第一款）。',
  },
  {
    name: 'Reopen', route: 'reopening', roles: [A, U],
    fields: [{ key: 'rulingReceivedOn', label: '收到复议决定或裁判文书日期', type: 'date', required: true }, t('reason', '重新办理的依据'), { key: 'replyWorkingDays', label: '答复期限（工作日）', type: 'int', initial: 20 }],
  },
]

export const caseActions: Record<string, ActionDefinition> = Object.fromEntries(
  definitions.map((a) => [a.name, { ...a, label: caseActionLabels[a.name] ?? a.name }]),
)

/** Actions the lifecycle lists but no endpoint takes: LegalReview's chain approves or returns, Document numbers the reply. */
export const automaticActions: Record<string, string> = {
  Approve: '由审查链最后一步「同意」后自动签发',
  ReturnForRework: '由审查环节「退回」',
  IssueDocument: '签发后由文书服务自动编号制作',
}
