// The gateway's APIs on the same origin, with the staff member's bearer token and RFC 7807 problem details as errors.

export interface Problem {
  title?: string
  detail?: string
  status: number
  errors?: Record<string, string[]>
  [extension: string]: unknown
}

export class ApiError extends Error {
  constructor(public readonly problem: Problem) {
    super(problem.detail || problem.title || `请求失败（${problem.status}）`)
  }

  get status() {
    return this.problem.status
  }

  get fieldErrors(): Record<string, string[]> {
    return this.problem.errors ?? {}
  }
}

interface TokenResponse {
  accessToken: string
  tokenType: string
  expiresIn: number
  refreshToken: string | null
}

const ACCESS = 'gongkai.accessToken'
const REFRESH = 'gongkai.refreshToken'
const EXPIRES = 'gongkai.expiresAt'

let refreshTimer: number | undefined
let refreshing: Promise<boolean> | null = null
let onSignedOut: () => void = () => {}

export function whenSignedOut(handler: () => void) {
  onSignedOut = handler
}

export function isSignedIn() {
  return sessionStorage.getItem(ACCESS) !== null
}

function store(tokens: TokenResponse) {
  sessionStorage.setItem(ACCESS, tokens.accessToken)
  if (tokens.refreshToken) sessionStorage.setItem(REFRESH, tokens.refreshToken)
  sessionStorage.setItem(EXPIRES, String(Date.now() + tokens.expiresIn * 1000))
  scheduleRefresh()
}

export function clearTokens() {
  sessionStorage.removeItem(ACCESS)
  sessionStorage.removeItem(REFRESH)
  sessionStorage.removeItem(EXPIRES)
  window.clearTimeout(refreshTimer)
}

/** Refreshes a minute before expiry (or at 80 % of a short lifetime), so a working user is never interrupted. */
export function scheduleRefresh() {
  window.clearTimeout(refreshTimer)
  const expiresAt = Number(sessionStorage.getItem(EXPIRES) ?? 0)
  if (!expiresAt || !sessionStorage.getItem(REFRESH)) return
  const left = expiresAt - Date.now()
  const wait = Math.max(1000, left > 120_000 ? left - 60_000 : left * 0.8)
  refreshTimer = window.setTimeout(() => void refresh(), wait)
}

async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? ''
  if (type.includes('json')) {
    try {
      const body = await response.json()
      return { ...body, status: body.status ?? response.status }
    } catch {
      /* fall through to a generic problem */
    }
  }
  const generic: Record<number, string> = {
    401: '登录已失效，请重新登录。',
    403: '您没有执行此操作的权限。',
    404: '要找的内容不存在。',
    502: '服务暂时不可用，请稍后再试。',
    503: '服务暂时不可用，请稍后再试。',
  }
  return { status: response.status, title: generic[response.status] ?? `请求失败（${response.status}）` }
}

async function postToken(body: object): Promise<TokenResponse> {
  const response = await fetch('/api/identity/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new ApiError(await readProblem(response))
  return response.json()
}

export async function signIn(unitCode: string, userName: string, password: string) {
  store(await postToken({ grantType: 'password', unitCode, userName, password }))
}

/** One refresh at a time: refresh tokens rotate, so two parallel refreshes would burn each other's token. */
export function refresh(): Promise<boolean> {
  if (refreshing) return refreshing
  const token = sessionStorage.getItem(REFRESH)
  if (!token) return Promise.resolve(false)
  refreshing = postToken({ grantType: 'refresh_token', refreshToken: token })
    .then((tokens) => {
      store(tokens)
      return true
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null
    })
  return refreshing
}

export async function signOut() {
  const token = sessionStorage.getItem(REFRESH)
  window.clearTimeout(refreshTimer)
  if (token) {
    await fetch('/api/identity/revoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: token }),
    }).catch(() => undefined)
  }
  clearTokens()
}

type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Sent as is (a Blob for binary uploads) with this content type. */
  raw?: { data: Blob | ArrayBuffer; contentType: string }
  headers?: Record<string, string>
}

function url(path: string, query?: Query) {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

async function send(method: string, path: string, options: RequestOptions = {}, accept = 'application/json'): Promise<Response> {
  const attempt = () => {
    const headers: Record<string, string> = { Accept: accept, ...options.headers }
    const token = sessionStorage.getItem(ACCESS)
    if (token) headers.Authorization = `Bearer ${token}`
    let body: BodyInit | undefined
    if (options.raw) {
      headers['Content-Type'] = options.raw.contentType
      body = options.raw.data
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(options.body)
    }
    return fetch(url(path, options.query), { method, headers, body })
  }
  let response = await attempt()
  if (response.status === 401 && sessionStorage.getItem(REFRESH)) {
    if (await refresh()) response = await attempt()
  }
  if (response.status === 401) {
    clearTokens()
    onSignedOut()
  }
  if (!response.ok) throw new ApiError(await readProblem(response))
  return response
}

export async function request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options)
  if (response.status === 204) return undefined as T
  const type = response.headers.get('content-type') ?? ''
  return (type.includes('json') ? await response.json() : await response.text()) as T
}

export const get = <T = unknown>(path: string, query?: Query) => request<T>('GET', path, { query })
export const post = <T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) =>
  request<T>('POST', path, { body: body ?? {}, headers })
export const put = <T = unknown>(path: string, body?: unknown) => request<T>('PUT', path, { body })
export const del = <T = unknown>(path: string) => request<T>('DELETE', path)

export interface FileResult {
  blob: Blob
  fileName: string | null
  headers: Headers
}

function fileNameOf(disposition: string | null) {
  if (!disposition) return null
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (star) return decodeURIComponent(star[1])
  const plain = /filename="?([^";]+)"?/i.exec(disposition)
  return plain ? plain[1] : null
}

/** Files need the token too, so they are fetched as blobs rather than linked. */
export async function fetchFile(path: string, method = 'GET', body?: unknown): Promise<FileResult> {
  const response = await send(method, path, { body }, '*/*')
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition')), headers: response.headers }
}

export async function download(path: string, fallbackName: string) {
  const file = await fetchFile(path)
  saveBlob(file.blob, file.fileName ?? fallbackName)
}

export function saveBlob(blob: Blob, name: string) {
  const href = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = href
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000)
}

export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}
