import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import './virtualTable.css'

export interface Column<T> {
  key: string
  title: string
  /** CSS grid track, e.g. "90px" or "1fr". */
  width: string
  align?: 'left' | 'right'
  render: (row: T) => ReactNode
  /** Sort key; columns without one are not sortable. */
  sortValue?: (row: T) => string | number | null
  /** A second, smaller line under the title (e.g. the date a figure is as of). */
  subtitle?: ReactNode
  /** The header's tooltip: what the column means. */
  hint?: string
}

export type SortState = { key: string; dir: 'asc' | 'desc' }

interface Props<T> {
  rows: T[]
  columns: Column<T>[]
  rowKey: (row: T) => string | number
  sort: SortState
  onSort: (s: SortState) => void
  onOpen: (row: T) => void
  selectedKey?: string | number | null
  onSelect?: (row: T) => void
  label: string
  emptyText: string
  rowHeight?: number
  /**
   * Narrowest width of a row in px (tracks, gaps and padding); a narrower table scrolls
   * sideways, header and footer with it, instead of squeezing or clipping the columns.
   */
  minWidth?: number
  /** A row kept below the scrolling body (totals): cells by column key, empty where absent. */
  footer?: Partial<Record<string, ReactNode>>
  footerLabel?: string
  /**
   * Rows loaded in pages: called when the rows in view reach the end of `rows`, to load the
   * next page (keyset pages can only be read in order). `rowCount` is the whole list's length.
   */
  onEndReached?: () => void
  rowCount?: number
}

const OVERSCAN = 8

/** Whether a sideways-scrolling body has columns out of view to its left and right. */
const hiddenSides = (el: HTMLElement) => ({
  left: el.scrollLeft > 0,
  right: el.scrollLeft + el.clientWidth < el.scrollWidth - 1,
})

/**
 * A table that renders only the rows in view (plus a few above and below), so 10,000 positions
 * scroll as smoothly as 10. Rows have a fixed height; the body is one focusable element that
 * moves the selection with the arrow keys, Page Up/Down, Home/End and opens a row with Enter.
 */
export function VirtualTable<T>(props: Props<T>) {
  const { rows, columns, rowKey, sort, onSort, onOpen, label, emptyText } = props
  const rowHeight = props.rowHeight ?? 34
  const bodyRef = useRef<HTMLDivElement>(null)
  const headRef = useRef<HTMLDivElement>(null)
  const footRef = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewHeight, setViewHeight] = useState(600)
  // The body's vertical scrollbar narrows its rows; header and footer leave the same gutter.
  const [gutter, setGutter] = useState(0)
  // Columns hidden to the left or right of a table scrolled sideways (shaded edges say so).
  const [hidden, setHidden] = useState({ left: false, right: false })
  const measureSides = (el: HTMLElement) => {
    const next = hiddenSides(el)
    setHidden((h) => (h.left === next.left && h.right === next.right ? h : next))
  }
  const selectedIndex = rows.findIndex((r) => rowKey(r) === props.selectedKey)

  useEffect(() => {
    const el = bodyRef.current
    if (!el) return
    const observer = new ResizeObserver(() => {
      setViewHeight(el.clientHeight)
      setGutter(el.offsetWidth - el.clientWidth)
      const next = hiddenSides(el)
      setHidden((h) => (h.left === next.left && h.right === next.right ? h : next))
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  // Rows arriving (or leaving) change how wide the body scrolls without resizing it.
  const empty = rows.length === 0
  useEffect(() => {
    if (bodyRef.current) measureSides(bodyRef.current)
  }, [empty, props.minWidth])

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN)
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewHeight) / rowHeight) + OVERSCAN)
  const template = columns.map((c) => c.width).join(' ')
  const { onEndReached } = props
  // The last rows in view (or the overscan below them) are the last loaded: ask for more.
  useEffect(() => {
    if (onEndReached && rows.length > 0 && last >= rows.length) onEndReached()
  }, [onEndReached, last, rows.length])
  const edgeStyle = {
    gridTemplateColumns: template,
    paddingRight: 12 + gutter,
    minWidth: props.minWidth ? props.minWidth + gutter : undefined,
  }

  /** Header and footer follow the body's sideways scroll. */
  function followScrollLeft(left: number) {
    for (const el of [headRef.current, footRef.current])
      if (el) el.style.transform = left ? `translateX(${-left}px)` : ''
  }

  function select(index: number) {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))]
    if (!row || !props.onSelect) return
    props.onSelect(row)
    const el = bodyRef.current
    const i = rows.indexOf(row)
    if (el) {
      const top = i * rowHeight
      if (top < el.scrollTop) el.scrollTop = top
      else if (top + rowHeight > el.scrollTop + el.clientHeight)
        el.scrollTop = top + rowHeight - el.clientHeight
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const page = Math.max(1, Math.floor(viewHeight / rowHeight) - 1)
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
    }
    if (e.key in moves) select((selectedIndex < 0 ? -1 : selectedIndex) + (moves[e.key] ?? 0))
    else if (e.key === 'Home') select(0)
    else if (e.key === 'End') select(rows.length - 1)
    else if (e.key === 'Enter' && selectedIndex >= 0) {
      const row = rows[selectedIndex]
      if (row) onOpen(row)
    } else return
    e.preventDefault()
  }

  return (
    <div
      className={`vtable${hidden.left ? ' more-left' : ''}${hidden.right ? ' more-right' : ''}`}
      role="table"
      aria-label={label}
      aria-rowcount={(props.rowCount ?? rows.length) + (props.footer ? 2 : 1)}
      style={props.minWidth ? { overflow: 'clip', position: 'relative' } : undefined}
    >
      <div
        className="vtable-head"
        role="row"
        ref={headRef}
        style={edgeStyle}
        onFocus={(e) => {
          // A header button tabbed to while scrolled out of view: bring its column in.
          const body = bodyRef.current
          const cell = (e.target as HTMLElement).closest<HTMLElement>('[role=columnheader]')
          if (!body || !cell || !props.minWidth) return
          const { offsetLeft: left, offsetWidth: width } = cell
          if (left < body.scrollLeft) body.scrollLeft = left - 12
          else if (left + width > body.scrollLeft + body.clientWidth)
            body.scrollLeft = left + width - body.clientWidth + 12
        }}
      >
        {columns.map((c) => {
          const active = sort.key === c.key
          const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'
          return (
            <div
              key={c.key}
              role="columnheader"
              aria-sort={c.sortValue ? ariaSort : undefined}
              className={`${c.align === 'right' ? 'num' : ''}${c.subtitle ? ' two-line' : ''}`}
              title={c.hint}
            >
              {c.sortValue ? (
                <button
                  type="button"
                  className="sort"
                  onClick={() =>
                    onSort({ key: c.key, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' })
                  }
                >
                  {c.title}
                  <span aria-hidden="true" className="sort-mark">
                    {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              ) : (
                c.title
              )}
              {c.subtitle && <span className="vtable-sub">{c.subtitle}</span>}
            </div>
          )
        })}
      </div>
      <div
        className="vtable-body"
        ref={bodyRef}
        tabIndex={0}
        role="rowgroup"
        aria-label={`${label} rows; arrow keys move, Enter opens`}
        onKeyDown={onKeyDown}
        onScroll={(e) => {
          setScrollTop(e.currentTarget.scrollTop)
          followScrollLeft(e.currentTarget.scrollLeft)
          measureSides(e.currentTarget)
        }}
      >
        {rows.length === 0 ? (
          <div className="vtable-empty">{emptyText}</div>
        ) : (
          <div
            style={{
              height: rows.length * rowHeight,
              position: 'relative',
              minWidth: props.minWidth,
            }}
          >
            {rows.slice(first, last).map((row, i) => {
              const index = first + i
              const key = rowKey(row)
              return (
                <div
                  key={key}
                  role="row"
                  aria-rowindex={index + 2}
                  aria-selected={key === props.selectedKey}
                  className="vtable-row"
                  style={{
                    gridTemplateColumns: template,
                    height: rowHeight,
                    transform: `translateY(${index * rowHeight}px)`,
                  }}
                  onClick={() => {
                    props.onSelect?.(row)
                    onOpen(row)
                  }}
                >
                  {columns.map((c) => (
                    <div key={c.key} role="cell" className={c.align === 'right' ? 'num' : ''}>
                      {c.render(row)}
                    </div>
                  ))}
                </div>
              )
            })}
          </div>
        )}
      </div>
      {props.footer && (
        <div
          className="vtable-foot"
          role="row"
          aria-rowindex={(props.rowCount ?? rows.length) + 2}
          aria-label={props.footerLabel}
          ref={footRef}
          style={edgeStyle}
        >
          {columns.map((c) => (
            <div key={c.key} role="cell" className={c.align === 'right' ? 'num' : ''}>
              {props.footer?.[c.key]}
            </div>
          ))}
        </div>
      )}
    </div>
  )
}

/** Stable sort by a column's sort value; nulls always last. */
export function sortRows<T>(rows: T[], columns: Column<T>[], sort: SortState): T[] {
  const col = columns.find((c) => c.key === sort.key)
  if (!col?.sortValue) return rows
  const value = col.sortValue
  const dir = sort.dir === 'asc' ? 1 : -1
  return rows
    .map((row, i) => ({ row, i, v: value(row) }))
    .sort((a, b) => {
      if (a.v == null || b.v == null) return a.v == null ? (b.v == null ? a.i - b.i : 1) : -1
      const c = a.v < b.v ? -1 : a.v > b.v ? 1 : 0
      return c !== 0 ? c * dir : a.i - b.i
    })
    .map((x) => x.row)
}
