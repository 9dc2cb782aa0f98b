export function dateTime(value: string | null | undefined) {
  if (!value) return '—'
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return value
  return d.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' })
}

export function date(value: string | null | undefined) {
  return value ?? '—'
}

export function size(bytes: number) {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** Today in China Standard Time, as the API's dates are. */
export function today() {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
}

/** randomUUID exists only in secure contexts; a console reached over plain HTTP on an intranet still needs keys. */
export function newKey() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** A file's type as Intake expects it: browsers give OFD (the national e-document format) no type, or octet-stream. */
export function contentType(file: File) {
  return file.type && file.type !== 'application/octet-stream' ? file.type : file.name.toLowerCase().endsWith('.ofd') ? 'application/ofd' : file.type
}
