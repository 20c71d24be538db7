import type { PositionFilterInput } from '../../../../shared/contract.ts'
import { isIsoDate } from '../../../../shared/dates.ts'
import { STRUCTURES, type Structure } from '../../../../shared/domain.ts'
import { ROOT_INFO } from '../../../../shared/instruments.ts'
import { STRUCTURES as TEMPLATES } from '../../../../shared/newPosition.ts'

/**
 * The positions list's filters as the form holds them and as the address keeps them
 * ("#/positions?status=closed&tag=core"): every value a string, '' for "any". Parsing the
 * address drops what the core would refuse, so a hand-edited link never shows an error page.
 */
export const STATUSES = ['open', 'closed', 'all', 'voided'] as const
export type StatusFilter = (typeof STATUSES)[number]

export const STATUS_LABELS: Record<StatusFilter, string> = {
  open: 'Open',
  closed: 'Closed',
  all: 'All',
  voided: 'Voided',
}

export interface ListFilters {
  status: StatusFilter
  underlying: string
  structure: Structure | ''
  tag: string
  accountId: string
  /** Opened on or after / on or before, YYYY-MM-DD. */
  from: string
  to: string
  /** Words that must all appear in the notes or thesis. */
  text: string
}

/** What an address without a query shows: the open positions, nothing else narrowed. */
export const NO_FILTERS: ListFilters = {
  status: 'open',
  underlying: '',
  structure: '',
  tag: '',
  accountId: '',
  from: '',
  to: '',
  text: '',
}

/** The structures in the order of the New position form, named in words ("Iron condor"). */
export const STRUCTURE_OPTIONS: { value: Structure; label: string }[] = STRUCTURES.map((s) => ({
  value: s,
  label: TEMPLATES[s].label,
}))

export const structureLabel = (s: Structure): string => TEMPLATES[s]?.label ?? s

/** The underlyings a position can have (SPXW and SPX are both "SPX"; VX and VIX are "VIX"). */
export const UNDERLYINGS: string[] = [...new Set(Object.values(ROOT_INFO).map((r) => r.underlying))]

const SYMBOL = /^[A-Za-z0-9^._-]{1,20}$/
const KEYS = [
  'status',
  'underlying',
  'structure',
  'tag',
  'accountId',
  'from',
  'to',
  'text',
] as const

/** Reads the filters from a route query; values the core would refuse are dropped. */
export function filtersFromQuery(query: URLSearchParams): ListFilters {
  const get = (k: string) => (query.get(k) ?? '').trim()
  const status = get('status')
  const structure = get('structure')
  const underlying = get('underlying').toUpperCase()
  const account = get('account')
  const date = (k: string) => (isIsoDate(get(k)) ? get(k) : '')
  return {
    status: (STATUSES as readonly string[]).includes(status)
      ? (status as StatusFilter)
      : NO_FILTERS.status,
    underlying: SYMBOL.test(underlying) ? underlying : '',
    structure: (STRUCTURES as readonly string[]).includes(structure)
      ? (structure as Structure)
      : '',
    tag: get('tag').slice(0, 40),
    accountId: /^[1-9]\d{0,12}$/.test(account) ? account : '',
    from: date('from'),
    to: date('to'),
    text: (query.get('q') ?? '').slice(0, 200),
  }
}

/** The query that reproduces `filters`; defaults are left out, so no filter is a bare route. */
export function queryFromFilters(filters: ListFilters): URLSearchParams {
  const query = new URLSearchParams()
  for (const key of KEYS) {
    const value = filters[key]
    if (value === NO_FILTERS[key] || value.trim() === '') continue
    query.set(key === 'accountId' ? 'account' : key === 'text' ? 'q' : key, value)
  }
  return query
}

/** The `positions:list` request for `filters`. */
export function requestOf(filters: ListFilters): PositionFilterInput {
  const request: PositionFilterInput = { status: filters.status }
  if (filters.underlying) request.underlying = filters.underlying
  if (filters.structure) request.structure = filters.structure
  if (filters.tag.trim()) request.tag = filters.tag.trim()
  if (filters.accountId) request.accountId = Number(filters.accountId)
  if (filters.from) request.from = filters.from
  if (filters.to) request.to = filters.to
  if (filters.text.trim()) request.text = filters.text.trim()
  return request
}

/** How many filters narrow the list beyond the default (the status counts when not "Open"). */
export function activeFilterCount(filters: ListFilters): number {
  return KEYS.filter((k) => filters[k].trim() !== '' && filters[k] !== NO_FILTERS[k]).length
}

/** The empty list's sentence: why nothing is listed and what to do about it. */
export function emptyText(filters: ListFilters): string {
  const narrowed = KEYS.some((k) => k !== 'status' && filters[k].trim() !== '')
  if (narrowed) return 'No positions match these filters. "Clear filters" shows them all again.'
  switch (filters.status) {
    case 'closed':
      return 'No closed positions yet.'
    case 'voided':
      return 'No voided positions. A voided position is kept here and can be restored.'
    case 'open':
      return 'No open positions. Press "New position" (or N) to record a trade.'
    case 'all':
      return 'No positions yet. Press "New position" (or N) to record your first trade.'
  }
}
