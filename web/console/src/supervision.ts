// Helpers shared by the supervision screens: reporting periods, how figures read, short unit names.
import { get } from './api'
import { today } from './format'
import { rateIndicators } from './labels'
import type { CaseSummary } from './types'

export type PeriodKind = 'month' | 'quarter' | 'year'

/** The API's period codes: "2026-11" (month), "2026-Q4" (quarter), "2026" (year). */
export function periodKind(code: string): PeriodKind {
  return /^\d{4}-Q[1-4]$/.test(code) ? 'quarter' : /^\d{4}-\d{2}$/.test(code) ? 'month' : 'year'
}

export function thisMonth() {
  return today().slice(0, 7)
}

/** The month before this one: the latest period that is over, so its 通报 can be published. */
export function lastMonth() {
  const [y, m] = today().split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

export function periodLabel(code: string) {
  const [year, part] = code.split('-')
  if (!part) return `${year}年`
  if (part.startsWith('Q')) return `${year}年第${'一二三四'[Number(part[1]) - 1]}季度`
  return `${year}年${Number(part)}月`
}

const trim = (n: number) => n.toFixed(1).replace(/\.0$/, '')

/** A rate 0..1 as a percentage; nothing to rate is a dash, not 0 %. */
export function percent(rate: number | null | undefined) {
  return rate === null || rate === undefined ? '—' : `${trim(rate * 100)}%`
}

export function workingDays(days: number | null | undefined) {
  return days === null || days === undefined ? '—' : `${trim(days)} 个工作日`
}

export function points(score: number) {
  return trim(score)
}

/** The figure behind a score line, as the 通报 prints it. */
export function lineValue(indicator: string, value: number | null) {
  if (value === null) return '无数据'
  if (rateIndicators.includes(indicator)) return percent(value)
  if (indicator === 'AnnualReportLate') return value ? '未按时公布' : '按时公布'
  return trim(value)
}

/** Names without what they all start with ("成都市双流区…"), for chart axes; the full name stays in tables. */
export function shortNames(names: string[]): string[] {
  if (names.length < 2) return names
  let prefix = names[0]
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1)
  return names.map((n) => n.slice(prefix.length) || n)
}

/**
 * The case of an application at a supervised unit, for the read-only case page: Intake's lists name applications, the
 * case page needs the case. Looks through the unit's newest 200 cases (the read is audited in the unit's log).
 */
export async function caseOfApplication(unit: string, applicationId: string): Promise<string | null> {
  const cases = await get<CaseSummary[]>(`/api/workflow/supervision/units/${unit}/cases`)
  return cases.find((c) => c.applicationId === applicationId)?.id ?? null
}
