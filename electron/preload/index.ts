import { contextBridge, ipcRenderer } from 'electron'
import { CHANNELS } from '../../shared/channels.ts'
import { EVENT_CHANNEL } from '../../shared/jobs.ts'

// One function per contract channel and nothing else: the renderer never sees ipcRenderer.
const api = Object.fromEntries(
  CHANNELS.map((channel) => [channel, (request: unknown) => ipcRenderer.invoke(channel, request)]),
)

contextBridge.exposeInMainWorld('wingman', Object.freeze(api))

// Main → renderer pushes (job progress): a listener gets { name, payload } and an unsubscribe.
contextBridge.exposeInMainWorld(
  'wingmanEvents',
  Object.freeze({
    subscribe(listener: (event: unknown) => void): () => void {
      const handler = (_e: unknown, event: unknown) => listener(event)
      ipcRenderer.on(EVENT_CHANNEL, handler)
      return () => {
        ipcRenderer.removeListener(EVENT_CHANNEL, handler)
      }
    },
  }),
)
