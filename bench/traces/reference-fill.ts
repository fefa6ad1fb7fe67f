/**
 * @module reference-fill
 * Tops the reference's experiment up to the full trace count by writing rows straight into its
 * SQLite file, because OTLP ingestion into `mlflow server` is far too slow for a million spans in
 * the benchmark's time. Trace `i` becomes a copy of the rows the reference's own OTLP path wrote
 * for trace `i mod 20` (traces 0 … 19, whose tags, tools and texts repeat with period 20 in
 * trace-factory.ts): its `trace_info` row (token and cost columns, previews), tags, metadata,
 * metrics and its 10 `spans` rows with their JSON `content`, with fresh ids (the ids OTLP would
 * have given trace `i`) and times shifted to trace `i`'s start. Same content, not the same write
 * path: the bulk-inserted B-trees are if anything more compact than OTLP-grown ones.
 */
import Database from 'better-sqlite3'
import {
  mlflowTraceId,
  SPANS_PER_TRACE,
  spanIdHex,
  spanPosition,
  TRACE_SPACING_MS,
  traceIdHex,
} from './trace-factory.ts'

/** The period of trace-factory.ts's varied fields (customers 10, tools 20, versions 4). */
export const TEMPLATE_PERIOD = 20

type Row = Record<string, unknown>

/** What a fill did. */
export interface FillResult {
  traces: number
  spans: number
  wall_ms: number
}

export interface FillOptions {
  dbPath: string
  experimentId: string
  /** Traces `from … to - 1` are written; traces `0 … TEMPLATE_PERIOD - 1` must exist. */
  from: number
  to: number
}

const base64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64')
const MS_NS = 1_000_000n

function insertable(db: Database.Database, table: string): string[] {
  const columns = db.prepare(`PRAGMA table_xinfo("${table}")`).all() as {
    name: string
    hidden: number
  }[]
  return columns.filter((column) => column.hidden === 0).map((column) => column.name)
}

function inserter(db: Database.Database, table: string) {
  const columns = insertable(db, table)
  const statement = db.prepare(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  )
  return (row: Row) => statement.run(...columns.map((column) => row[column] ?? null))
}

/** A function replacing every occurrence of the keys of `pairs` in a string. */
function replacer(pairs: [string, string][]) {
  return (value: unknown) => {
    if (typeof value !== 'string') return value
    let text = value
    for (const [from, to] of pairs) text = text.replaceAll(from, to)
    return text
  }
}

/**
 * Inserts traces `from … to - 1` into the reference's SQLite file, in one transaction.
 *
 * @example
 * const filled = fillReferenceTraces({ dbPath: '/tmp/x/ref.db', experimentId: '1',
 *   from: 18_000, to: 100_000 })
 * filled.spans // 820,000
 */
export function fillReferenceTraces(options: FillOptions): FillResult {
  const start = performance.now()
  const db = new Database(options.dbPath)
  try {
    db.pragma('busy_timeout = 30000')
    const read = (sql: string) => db.prepare(sql).safeIntegers(true)
    const traceInfo = read('SELECT * FROM trace_info WHERE request_id = ?')
    const byRequest = ['trace_tags', 'trace_request_metadata', 'trace_metrics'].map((table) => ({
      select: read(`SELECT * FROM "${table}" WHERE request_id = ?`),
      insert: inserter(db, table),
    }))
    const spans = read(
      `SELECT ${insertable(db, 'spans')
        .map((c) => `"${c}"`)
        .join(', ')} FROM spans WHERE trace_id = ?`,
    )
    const spanMetrics = read('SELECT * FROM span_metrics WHERE trace_id = ?')
    const insertTrace = inserter(db, 'trace_info')
    const insertSpan = inserter(db, 'spans')
    const insertSpanMetric = inserter(db, 'span_metrics')

    const templates = Array.from({ length: TEMPLATE_PERIOD }, (_, index) => {
      const id = mlflowTraceId(index)
      const info = traceInfo.get(id) as Row | undefined
      if (!info || String(info.experiment_id) !== options.experimentId)
        throw new Error(`template trace ${id} is missing from experiment ${options.experimentId}`)
      const spanRows = spans.all(id) as Row[]
      if (spanRows.length !== SPANS_PER_TRACE)
        throw new Error(`template trace ${id} has ${spanRows.length} spans`)
      return {
        index,
        info,
        related: byRequest.map((table) => table.select.all(id) as Row[]),
        spans: spanRows,
        spanMetrics: spanMetrics.all(id) as Row[],
      }
    })

    db.transaction(() => {
      for (let index = options.from; index < options.to; index += 1) {
        const template = templates[index % TEMPLATE_PERIOD]!
        const shiftMs = BigInt((index - template.index) * TRACE_SPACING_MS)
        const shiftNs = shiftMs * MS_NS
        const oldHex = traceIdHex(template.index)
        const newHex = traceIdHex(index)
        const spanIds = new Map<string, string>(
          template.spans.map((span) => {
            const old = String(span.span_id)
            return [old, spanIdHex(index, spanPosition(template.index, old))]
          }),
        )
        const ids = replacer([[oldHex, newHex]])
        insertTrace({
          ...template.info,
          request_id: mlflowTraceId(index),
          timestamp_ms: (template.info.timestamp_ms as bigint) + shiftMs,
        })
        template.related.forEach((rows, table) => {
          for (const row of rows)
            byRequest[table]!.insert({
              ...row,
              request_id: mlflowTraceId(index),
              value: ids(row.value),
            })
        })
        for (const span of template.spans) {
          const spanId = String(span.span_id)
          const parentId = span.parent_span_id === null ? undefined : String(span.parent_span_id)
          const startNs = span.start_time_unix_nano as bigint
          const endNs = span.end_time_unix_nano as bigint | null
          const pairs: [string, string][] = [
            [oldHex, newHex],
            [base64(oldHex), base64(newHex)],
            [base64(spanId), base64(spanIds.get(spanId)!)],
            [String(startNs), String(startNs + shiftNs)],
          ]
          if (parentId) pairs.push([base64(parentId), base64(spanIds.get(parentId)!)])
          if (endNs !== null) pairs.push([String(endNs), String(endNs + shiftNs)])
          insertSpan({
            ...span,
            trace_id: mlflowTraceId(index),
            span_id: spanIds.get(spanId),
            parent_span_id: parentId === undefined ? null : spanIds.get(parentId),
            start_time_unix_nano: startNs + shiftNs,
            end_time_unix_nano: endNs === null ? null : endNs + shiftNs,
            content: replacer(pairs)(span.content),
          })
        }
        for (const metric of template.spanMetrics)
          insertSpanMetric({
            ...metric,
            trace_id: mlflowTraceId(index),
            span_id: spanIds.get(String(metric.span_id)),
          })
      }
    })()
  } finally {
    db.close()
  }
  const traces = options.to - options.from
  return {
    traces,
    spans: traces * SPANS_PER_TRACE,
    wall_ms: Math.round(performance.now() - start),
  }
}
