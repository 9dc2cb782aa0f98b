export interface CaseSummary {
  id: string
  applicationId: string
  caseNumber: string
  state: string
  stateLabel: string
  receivedOn: string
  replyDue: string | null
  replyDueProvisional: boolean
  clockPaused: boolean
  remainingWorkingDays: number
  alert: string | null
  handlerId: string | null
  handlerName: string | null
}

export interface TimelineEntry {
  at: string
  kind: string
  description: string
  reason: string | null
  actor: string
  traceId: string | null
}

export interface RequestView {
  kind: string
  party: string
  details: string
  sentOn: string
  receivedOn: string | null
  due: string
  dueIsEstimate: boolean
  answeredOn: string | null
}

export interface CaseDetails {
  case: CaseSummary
  lifecycle: {
    closureReason: string | null
    applicantCategory: string
    correctionNoticeDue: string
    deadlineExplanation: string[]
    extension: { decidedOn: string; workingDays: number; approvedBy: string; reason: string } | null
    decision: { replyType: string; outcome: string; reasons: string } | null
    decisionLabel: string | null
    annualReportRow: string | null
    fee: { method: string; amount: number; basis: string; issuedOn: string } | null
    delivery: { method: string; deliveredOn: string; evidenceRef: string; late: boolean } | null
    documentNumber: string | null
    requests: RequestView[]
    availableActions: string[]
    /** The key domain (01..26) Intake suggested or a person confirmed; null when none is known. */
    domainCode: string | null
    domainLabel: string
    domainConfirmed: boolean
  }
  timeline: TimelineEntry[]
}

export interface ReviewTask {
  reviewId: string
  caseId: string
  caseNumber: string
  round: number
  step: number
  stepName: string
  role: string
  replyType: string | null
  outcome: string | null
  replyDue: string
  remainingWorkingDays: number
  waitingSince: string | null
  waitingWorkingDays: number
  waitingTooLong: boolean
  checklist: Record<string, string>
  subject: string
}

export interface ChecklistAnswer {
  answer: boolean | null
  note: string | null
}

export interface ReviewStep {
  number: number
  name: string
  role: string
  state: string
  startedAt: string | null
  opinion: { verdict: string; text: string; checklist: Record<string, ChecklistAnswer>; reviewer: string; at: string } | null
}

export interface Review {
  id: string
  caseId: string
  caseNumber: string
  round: number
  state: string
  replyType: string | null
  outcome: string | null
  replyDue: string
  createdAt: string
  steps: ReviewStep[]
  subject: string
}

export interface ApplicationSummary {
  id: string
  applicationNumber: string
  status: string
  statusLabel: string
  applicantName: string
  channel: string
  arrivedAt: string
  legalReceiptDate: string | null
  replyDue: string | null
  flagCount: number
}

export interface Flag {
  kind: string
  label: string
  basis: string
  relatedApplicationNumbers: string[]
  similarity: number
  flaggedAt: string
}

export interface Attachment {
  id: string
  kind: string
  fileName: string
  contentType: string
  sizeBytes: number
  sha256: string
  uploadedAt: string
  uploadedBy: string
}

export interface Application {
  id: string
  applicationNumber: string
  status: string
  statusLabel: string
  applicantName: string
  applicant: {
    kind: string
    name: string
    organisationCategory: string | null
    organisationCategoryLabel: string | null
    creditCode: string | null
    contactName: string | null
    idType: string | null
    idNumber: string | null
    phone: string | null
    email: string | null
    address: string | null
    postalCode: string | null
  }
  agent: { name: string; idType: string | null; idNumber: string | null; phone: string | null } | null
  description: string
  documentNumber: string | null
  purpose: string | null
  requestedForm: string | null
  deliveryRoute: string | null
  channel: string
  channelLabel: string
  arrivedAt: string
  confirmedAt: string | null
  confirmationMethod: string | null
  confirmationNote: string | null
  confirmedBy: string | null
  legalReceiptDate: string | null
  receiptRule: string
  registeredAt: string
  registeredBy: string | null
  caseId: string | null
  caseStatus: string | null
  replyDue: string | null
  warnings: string[]
  flags: Flag[]
  attachments: Attachment[]
}

export interface PersonalData {
  idType: string | null
  idNumber: string | null
  phone: string | null
  email: string | null
  address: string | null
  postalCode: string | null
  agentIdType: string | null
  agentIdNumber: string | null
  agentPhone: string | null
}

export interface UserView {
  id: string
  userName: string
  displayName: string
  roles: string[]
  disabled: boolean
  lockedUntil: string | null
}

export interface DocumentView {
  id: string
  caseId: string
  kind: string
  title: string
  issuedAt: string
  documentNumber: string | null
  caseNumber: string | null
  files: { format: string; mediaType: string; sha256: string; length: number; href: string }[]
}

// ── District supervision (Publishing: /api/publishing/supervision/…) ─────────────────────────────────────────

/** Every indicator of a unit (or the district's roll-up) for a period; rates are 0..1, null when there is nothing to rate. */
export interface IndicatorView {
  unitCode: string
  unitName: string
  period: string
  received: number
  closed: number
  closedOnTime: number
  closedLate: number
  onTimeRate: number | null
  averageWorkingDays: number | null
  percentile90WorkingDays: number | null
  extended: number
  correctionsRequested: number
  reviewReturns: number
  overdueOpen: number
  appealsFiled: number
  appealsCorrected: number
  appealCorrectionRate: number | null
  itemsPublishedOnTime: number
  itemsPublishedLate: number
  itemsOnTimeRate: number | null
  emptyObligations: number
  annualReport: string | null
  annualReportLabel: string | null
}

export interface DistrictIndicators {
  period: string
  periodLabel: string
  district: IndicatorView
  units: IndicatorView[]
}

export type ScoredIndicator =
  | 'OnTimeRate'
  | 'AverageWorkingDays'
  | 'Percentile90WorkingDays'
  | 'ClosedLate'
  | 'OverdueOpen'
  | 'Extended'
  | 'ReviewReturns'
  | 'AppealsCorrected'
  | 'ItemsOnTimeRate'
  | 'EmptyObligations'
  | 'AnnualReportLate'
  | 'SpotCheckProblems'

export type ScoringMethod = 'Proportional' | 'Deduct' | 'AtMost'

export interface ScoringRule {
  indicator: ScoredIndicator
  method: ScoringMethod
  maxPoints: number
  perUnit?: number | null
  threshold?: number | null
}

export interface VetoRule {
  indicator: ScoredIndicator
  above: number
}

export interface ScoringRules {
  rules: ScoringRule[]
  vetoes: VetoRule[]
  redListMinScore: number
  blackListBelowScore: number
}

export interface SupervisionSettings {
  rules: ScoringRules
  checklist: string[]
  minimumPublicCount: number
  updatedAt?: string | null
  updatedBy?: string | null
}

export type Standing = 'None' | 'RedList' | 'BlackList'

export interface ScoreLine {
  indicator: ScoredIndicator
  label: string
  value: number | null
  points: number
  maxPoints: number
}

export interface ScoredUnit {
  unitCode: string
  unitName: string
  rank: number
  score: number
  standing: Standing
  standingLabel: string
  lines: ScoreLine[]
  vetoes: string[]
}

export interface BulletinFigures {
  received: number
  closed: number
  closedOnTime: number
  closedLate: number
  onTimeRate: number | null
  averageWorkingDays: number | null
  percentile90WorkingDays: number | null
  extended: number
  correctionsRequested: number
  reviewReturns: number
  overdueOpen: number
  appealsFiled: number
  appealsCorrected: number
  itemsPublishedOnTime: number
  itemsPublishedLate: number
  emptyObligations: number
  annualReport: string | null
  spotCheckProblems: number
}

export interface BulletinEntry {
  score: ScoredUnit
  figures: BulletinFigures
  remark: string | null
}

export interface Bulletin {
  id: string
  period: string
  periodLabel: string
  state: 'Draft' | 'Published'
  districtName: string
  rules: ScoringRules
  entries: BulletinEntry[]
  districtFigures: BulletinFigures | null
  remarks: string | null
  number: string | null
  publishedOn: string | null
  publishedAt: string | null
  publishedBy: string | null
  pdfSha256: string | null
  docxSha256: string | null
  createdAt: string
  createdBy: string
  updatedAt: string
}

export interface BulletinSummary {
  id: string
  period: string
  periodLabel: string
  state: 'Draft' | 'Published'
  number: string | null
  publishedOn: string | null
  units: number
  pdfSha256: string | null
}

/** A unit's own line of a published 通报. */
export interface BulletinStanding {
  bulletinId: string
  districtCode: string
  number: string
  period: string
  periodLabel: string
  unitsRanked: number
  entry: BulletinEntry
  publishedOn: string
}

export interface HeatCell {
  unitCode: string
  /** '' = not classified yet (未分类). */
  domainCode: string
  month: number
  count: number
}

export interface HeatMap {
  year: number
  cells: HeatCell[]
  unitNames: Record<string, string>
  domains: { code: string; name: string }[]
  unclassified: number
  unconfirmed: number
}

export interface HeatCase {
  unitCode: string
  caseId: string
  caseNumber: string
  receivedOn: string
  domainCode: string | null
  domainLabel: string
  domainConfirmed: boolean
}

export type SpotCheckItemState = 'Drawn' | 'Compliant' | 'ProblemsFound' | 'Rectified'

export interface ChecklistAnswerView {
  question: string
  passed: boolean
  note: string | null
}

export interface SpotCheckItem {
  id: string
  unitCode: string
  caseId: string
  caseNumber: string
  closedOn: string | null
  state: SpotCheckItemState
  stateLabel: string
  answers: ChecklistAnswerView[]
  findings: string | null
  reviewedBy: string | null
  rectification: string | null
  rectifiedBy: string | null
  rectifiedAt: string | null
}

export interface SpotCheckSummary {
  id: string
  period: string
  periodLabel: string
  perUnit: number
  units: string[]
  drawn: number
  createdAt: string
  createdBy: string
}

export interface SpotCheck extends Omit<SpotCheckSummary, 'units'> {
  checklist: string[]
  items: SpotCheckItem[]
}

// ── The two lists (Intake: /api/intake/supervision/…) ──────────────────────────────────────────────────────────

export interface CaseLink {
  unit: string
  applicationId: string
  number: string
  date: string
}

export interface UnitCount {
  unit: string
  count: number
}

export interface KeyApplicant {
  label: string
  total: number
  unitCount: number
  units: UnitCount[]
  first: string
  last: string
  applications: CaseLink[]
}

export interface KeySubject {
  description: string
  applicants: number
  total: number
  unitCount: number
  units: UnitCount[]
  first: string
  last: string
  flagged: boolean
  flaggedUnits: string[]
  applications: CaseLink[]
  /** Each unit's Art. 44 conversion (Publishing's); null when Publishing could not be asked. */
  conversions: UnitConversion[] | null
}

export interface UnitConversion {
  unit: string
  state: 'Open' | 'Accepted' | 'Declined' | null
  stateLabel: string
}

export interface SupervisionAlert {
  kind: string
  kindLabel: string
  message: string
  subject: string
  count: number
  units: string[]
  first: string
  last: string
  applications: CaseLink[]
}

export interface KeyApplicantsView {
  from: string
  to: string
  min: number
  units: string[]
  applicants: KeyApplicant[]
}

export interface KeySubjectsView {
  from: string
  to: string
  minApplicants: number
  similarityThreshold: number
  units: string[]
  compared: number
  truncated: boolean
  subjects: KeySubject[]
}

export interface AlertsView {
  from: string
  to: string
  units: string[]
  thresholds: {
    keyApplicantMinApplications: number
    keySubjectMinApplicants: number
    repeatWindowDays: number
    repeatMinApplications: number
    similarityThreshold: number
  }
  compared: number
  truncated: boolean
  alerts: SupervisionAlert[]
}
