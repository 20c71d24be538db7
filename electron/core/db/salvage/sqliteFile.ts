/**
 * A reader of the SQLite file format (https://www.sqlite.org/fileformat2.html) that needs no
 * working SQLite: it walks b-trees page by page and decodes records, skipping what it cannot
 * read instead of failing on it. Salvage uses it on damaged journals, where SQLite itself stops
 * at the first malformed page.
 */

export type Value = number | bigint | string | Buffer | null

export interface Cell {
  /** The rowid of a table b-tree cell; null in an index b-tree. */
  rowid: number | null
  values: Value[]
}

export interface WalkStats {
  /** Pages of the tree that could not be read (their cells and any subtree are lost). */
  badPages: number
  /** Cells on readable pages whose record could not be decoded. */
  badCells: number
  /** The rowids of those cells, where the rowid itself was still readable. */
  badRowids?: number[]
}

const MAGIC = 'SQLite format 3\u0000'

/** Thrown for any malformed structure; callers count it and move on. */
class Malformed extends Error {}

export class SqliteFile {
  readonly pageSize: number
  readonly usable: number
  readonly pageCount: number
  /** Header fields (offsets 60 and 68); meaningful only when `headerValid`. */
  readonly userVersion: number
  readonly applicationId: number
  readonly headerValid: boolean
  private readonly bytes: Buffer

  constructor(bytes: Buffer) {
    this.bytes = bytes
    this.headerValid = bytes.length >= 100 && bytes.toString('latin1', 0, 16) === MAGIC
    const raw = this.headerValid ? bytes.readUInt16BE(16) : 4096
    const size = raw === 1 ? 65536 : raw
    this.pageSize = size >= 512 && size <= 65536 && (size & (size - 1)) === 0 ? size : 4096
    this.usable = this.pageSize - (this.headerValid ? (bytes[20] ?? 0) : 0)
    this.pageCount = Math.floor(bytes.length / this.pageSize)
    this.userVersion = this.headerValid ? bytes.readInt32BE(60) : 0
    this.applicationId = this.headerValid ? bytes.readInt32BE(68) : 0
  }

  private page(n: number): Buffer {
    if (!Number.isInteger(n) || n < 1 || n > this.pageCount) throw new Malformed(`page ${n}`)
    return this.bytes.subarray((n - 1) * this.pageSize, n * this.pageSize)
  }

  /**
   * Every cell of the b-tree rooted at `root`, in key order. Interior cells of index trees are
   * entries too (an index key is stored once, in a leaf or an interior page). A page that cannot
   * be read is counted in `stats` with its subtree; a cell whose record is malformed likewise.
   */
  *walk(root: number, kind: 'table' | 'index', stats: WalkStats): Generator<Cell> {
    const seen = new Set<number>()
    // Depth-first, left to right; `lo`/`hi` bound the rowids a table page may hold.
    type Frame = { pgno: number; lo: number; hi: number } | { cell: Cell }
    const stack: Frame[] = [{ pgno: root, lo: -Infinity, hi: Infinity }]
    while (stack.length) {
      const frame = stack.pop()!
      if ('cell' in frame) {
        yield frame.cell
        continue
      }
      if (seen.has(frame.pgno)) {
        stats.badPages++
        continue
      }
      seen.add(frame.pgno)
      let parsed: ParsedPage
      try {
        parsed = this.parsePage(frame.pgno, kind)
      } catch {
        stats.badPages++
        continue
      }
      const later: Frame[] = []
      if (parsed.leaf) {
        for (const off of parsed.cells) {
          let rowid: number | null = null
          try {
            if (kind === 'index') {
              later.push({ cell: this.indexCell(parsed.data, off) })
              continue
            }
            const [size, a] = varint(parsed.data, off)
            const [id, b] = varint(parsed.data, off + a)
            if (id <= frame.lo || id > frame.hi)
              throw new Malformed('rowid out of the range its parent gives')
            rowid = id
            const values = decodeRecord(this.payload(parsed.data, off + a + b, size, 'table'))
            later.push({ cell: { rowid, values } })
          } catch {
            stats.badCells++
            if (rowid !== null) (stats.badRowids ??= []).push(rowid)
          }
        }
      } else {
        let lo = frame.lo
        for (const off of parsed.cells) {
          try {
            const child = parsed.data.readUInt32BE(off)
            if (kind === 'table') {
              const [key] = varint(parsed.data, off + 4)
              later.push({ pgno: child, lo, hi: key })
              lo = key
            } else {
              later.push({ pgno: child, lo, hi: frame.hi })
              later.push({ cell: this.indexCell(parsed.data, off + 4) })
            }
          } catch {
            stats.badCells++
          }
        }
        later.push({ pgno: parsed.rightChild, lo, hi: frame.hi })
      }
      for (let i = later.length - 1; i >= 0; i--) stack.push(later[i]!)
    }
  }

  private parsePage(pgno: number, kind: 'table' | 'index'): ParsedPage {
    const data = this.page(pgno)
    const h = pgno === 1 ? 100 : 0
    const type = data[h]
    const ok = kind === 'table' ? type === 5 || type === 13 : type === 2 || type === 10
    if (!ok) throw new Malformed(`page ${pgno} type ${type}`)
    const leaf = type === 13 || type === 10
    const headerSize = leaf ? 8 : 12
    const n = data.readUInt16BE(h + 3)
    const contentStart = data.readUInt16BE(h + 5) || 65536
    const pointersEnd = h + headerSize + 2 * n
    if (pointersEnd > this.usable || contentStart < pointersEnd)
      throw new Malformed(`page ${pgno} cells`)
    const cells: number[] = []
    for (let i = 0; i < n; i++) {
      const off = data.readUInt16BE(h + headerSize + 2 * i)
      if (off < contentStart || off >= this.usable) throw new Malformed(`page ${pgno} cell ${i}`)
      cells.push(off)
    }
    const rightChild = leaf ? 0 : data.readUInt32BE(h + 8)
    return { data, leaf, cells, rightChild }
  }

  private indexCell(data: Buffer, off: number): Cell {
    const [size, a] = varint(data, off)
    return { rowid: null, values: decodeRecord(this.payload(data, off + a, size, 'index')) }
  }

  /** A cell's payload: the part on the page and the rest from its overflow chain. */
  private payload(data: Buffer, start: number, size: number, kind: 'table' | 'index'): Buffer {
    const u = this.usable
    const maxLocal = kind === 'table' ? u - 35 : Math.floor(((u - 12) * 64) / 255) - 23
    const minLocal = Math.floor(((u - 12) * 32) / 255) - 23
    if (size < 0 || size > 1e9) throw new Malformed('payload size')
    let local = size
    if (size > maxLocal) {
      const k = minLocal + ((size - minLocal) % (u - 4))
      local = k <= maxLocal ? k : minLocal
    }
    if (start + local > u) throw new Malformed('payload past the page')
    if (local === size) return data.subarray(start, start + size)
    const parts = [data.subarray(start, start + local)]
    let have = local
    let next = data.readUInt32BE(start + local)
    const seen = new Set<number>()
    while (have < size) {
      if (next === 0 || seen.has(next)) throw new Malformed('overflow chain')
      seen.add(next)
      const page = this.page(next)
      const take = Math.min(u - 4, size - have)
      parts.push(page.subarray(4, 4 + take))
      have += take
      next = page.readUInt32BE(0)
    }
    return Buffer.concat(parts, size)
  }
}

interface ParsedPage {
  data: Buffer
  leaf: boolean
  cells: number[]
  rightChild: number
}

/** A SQLite varint at `off`: [value, bytes used]. Values beyond 2^53 are refused. */
function varint(buf: Buffer, off: number): [number, number] {
  let value = 0n
  for (let i = 0; i < 9; i++) {
    const b = buf[off + i]
    if (b === undefined) throw new Malformed('varint past the end')
    if (i === 8) {
      value = (value << 8n) | BigInt(b)
      return [toNumber(value), 9]
    }
    value = (value << 7n) | BigInt(b & 0x7f)
    if ((b & 0x80) === 0) return [toNumber(value), i + 1]
  }
  throw new Malformed('varint')
}

function toNumber(v: bigint): number {
  const signed = BigInt.asIntN(64, v)
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < BigInt(Number.MIN_SAFE_INTEGER))
    throw new Malformed('varint too large')
  return Number(signed)
}

const INT_BYTES = [0, 1, 2, 3, 4, 6, 8] as const

/** Decodes a record (header of serial types, then the values); throws when it does not add up. */
export function decodeRecord(p: Buffer): Value[] {
  const [headerSize, a] = varint(p, 0)
  if (headerSize < a || headerSize > p.length) throw new Malformed('record header')
  const types: number[] = []
  for (let off = a; off < headerSize;) {
    const [t, n] = varint(p, off)
    types.push(t)
    off += n
    if (off > headerSize) throw new Malformed('record header overrun')
  }
  const values: Value[] = []
  let off = headerSize
  for (const t of types) {
    if (t === 0) values.push(null)
    else if (t >= 1 && t <= 6) {
      const n = INT_BYTES[t]!
      if (off + n > p.length) throw new Malformed('integer past the end')
      let v = 0n
      for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(p[off + i]!)
      const signed = BigInt.asIntN(n * 8, v)
      values.push(
        signed >= BigInt(Number.MIN_SAFE_INTEGER) && signed <= BigInt(Number.MAX_SAFE_INTEGER)
          ? Number(signed)
          : signed,
      )
      off += n
    } else if (t === 7) {
      if (off + 8 > p.length) throw new Malformed('real past the end')
      values.push(p.readDoubleBE(off))
      off += 8
    } else if (t === 8 || t === 9) values.push(t - 8)
    else if (t >= 12) {
      const n = (t - (t % 2 === 0 ? 12 : 13)) / 2
      if (off + n > p.length) throw new Malformed('text or blob past the end')
      const slice = p.subarray(off, off + n)
      values.push(t % 2 === 0 ? Buffer.from(slice) : slice.toString('utf8'))
      off += n
    } else throw new Malformed(`serial type ${t}`)
  }
  if (off !== p.length) throw new Malformed('record length')
  return values
}
