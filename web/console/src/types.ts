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
