import { reactive } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError } from './api'

/**
 * Field errors of a form from a problem's `errors` (keys as the API names them, e.g. "unitCode" or
 * "confirmation.method"), plus the messages no field of the form shows, for the form's alert.
 */
export function useProblem(fields: string[] | (() => string[]) = []) {
  const state = reactive({
    title: '',
    detail: '',
    errors: {} as Record<string, string>,
    others: [] as string[],
  })

  function clear() {
    state.title = ''
    state.detail = ''
    state.errors = {}
    state.others = []
  }

  function show(error: unknown) {
    clear()
    if (!(error instanceof ApiError)) {
      state.title = '网络错误'
      state.detail = '无法连接服务器，请检查网络后重试。'
      return
    }
    const known = typeof fields === 'function' ? fields() : fields
    const lower = Object.fromEntries(known.map((f) => [f.toLowerCase(), f]))
    for (const [key, messages] of Object.entries(error.fieldErrors)) {
      const field = lower[key.toLowerCase()]
      if (field) state.errors[field] = messages.join(' ')
      else state.others.push(`${key}：${messages.join(' ')}`)
    }
    state.title = error.problem.title ?? '操作失败'
    state.detail = error.problem.detail ?? ''
  }

  const err = (field: string) => state.errors[field] ?? ''

  return { state, clear, show, err }
}

/** For actions without a form: the problem's title and detail in a message. */
export function notifyError(error: unknown) {
  if (error instanceof ApiError) {
    const p = error.problem
    const fieldText = Object.values(p.errors ?? {}).flat().join(' ')
    ElMessage({ type: 'error', message: [p.title, p.detail, fieldText].filter(Boolean).join('：'), duration: 6000, showClose: true })
  } else {
    ElMessage({ type: 'error', message: '无法连接服务器，请检查网络后重试。', showClose: true })
  }
}

export function notifyOk(message: string) {
  ElMessage({ type: 'success', message })
}
