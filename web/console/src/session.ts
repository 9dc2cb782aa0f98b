import { reactive } from 'vue'
import { get, isSignedIn, signOut as revoke } from './api'

export interface Me {
  id: string
  name: string
  unit: string
  unitName: string
  roles: string[]
  supervisedUnits: string[]
}

export const session = reactive<{ me: Me | null }>({ me: null })

export async function loadMe(): Promise<Me | null> {
  if (!isSignedIn()) return null
  if (!session.me) session.me = await get<Me>('/api/identity/me')
  return session.me
}

export function hasRole(...roles: string[]) {
  return !!session.me && roles.some((r) => session.me!.roles.includes(r))
}

export async function signOut() {
  session.me = null
  await revoke()
}
