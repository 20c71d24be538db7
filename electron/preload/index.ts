import { contextBridge, ipcRenderer } from 'electron'
import { CHANNELS } from '../../shared/channels.ts'

// One function per contract channel and nothing else: the renderer never sees ipcRenderer.
const api = Object.fromEntries(
  CHANNELS.map((channel) => [channel, (request: unknown) => ipcRenderer.invoke(channel, request)]),
)

contextBridge.exposeInMainWorld('wingman', Object.freeze(api))
