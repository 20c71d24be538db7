import { CHANNELS } from '../../../shared/channels.ts'
import type { WingmanApi } from '../../../shared/contract.ts'
import type { Result } from '../../../shared/result.ts'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    wingman?: WingmanApi
  }
}

const TOKEN_KEY = 'wingman.token'

/** The browser host hands out its token in the page URL; keep it for reloads of this tab. */
function hostToken(): string {
  const fromUrl = new URL(window.location.href).searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

/** The same contract over HTTP: POST /api/<channel> with the bearer token. */
function httpApi(): WingmanApi {
  const token = hostToken()
  const call = async (channel: string, request: unknown): Promise<Result<unknown>> => {
    try {
      const res = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(request ?? {}),
      })
      return (await res.json()) as Result<unknown>
    } catch (e) {
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: `Cannot reach the Wingman host: ${(e as Error).message}`,
        },
      }
    }
  }
  return Object.fromEntries(CHANNELS.map((c) => [c, (req: unknown) => call(c, req)])) as WingmanApi
}

export const api: WingmanApi = window.wingman ?? httpApi()
