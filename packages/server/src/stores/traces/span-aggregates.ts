/**
 * @module span-aggregates
 * What one OTLP batch says about each of its traces (spec §3.9.4): the time range, the state from
 * the root span, the root span's inputs / outputs, session and user ids, trace tags carried as
 * `mlflow.traceTag.<key>` root-span attributes.
 */
import { validateKeyName, validateLength } from '../validation/validate-name.ts'
import type { SpanRecord } from './span-record.ts'

/** A batch's facts about one trace. */
export interface TraceAggregate {
  traceId: string
  spans: SpanRecord[]
  minStartMs: number
  maxEndMs: number | undefined
  /** `OK` or `ERROR` when the root span is in the batch. */
  rootState: 'OK' | 'ERROR' | undefined
  root: SpanRecord | undefined
  sessionId: string | undefined
  userId: string | undefined
  /** Tags from `mlflow.traceTag.<key>` root-span attributes. */
  tags: [string, string][]
  hasTokenUsage: boolean
}

const TRACE_TAG_PREFIX = 'mlflow.traceTag.'
const SESSION_ATTRIBUTES = ['session.id', 'gen_ai.conversation.id']
const TOKEN_USAGE_ATTRIBUTE = 'mlflow.chat.tokenUsage'

/**
 * The JSON-decoded text of an attribute when it encodes a string, else the attribute as stored.
 *
 * @example
 * unwrapJsonString('"abc"') // 'abc'
 */
export function unwrapJsonString(text: string): string {
  try {
    const value = JSON.parse(text) as unknown
    return typeof value === 'string' ? value : text
  } catch {
    return text
  }
}

/**
 * Groups spans by trace (traces sorted by id, a consistent lock order) and works out each
 * trace's facts.
 *
 * @example
 * const aggregates = aggregateSpans(spans)
 */
export function aggregateSpans(spans: readonly SpanRecord[]): TraceAggregate[] {
  const byTrace = new Map<string, SpanRecord[]>()
  for (const span of spans) {
    const list = byTrace.get(span.traceId) ?? []
    list.push(span)
    byTrace.set(span.traceId, list)
  }
  return [...byTrace.keys()].sort().map((traceId) => aggregate(traceId, byTrace.get(traceId) ?? []))
}

function aggregate(traceId: string, spans: SpanRecord[]): TraceAggregate {
  let minStart: bigint | undefined
  let maxEnd: bigint | undefined
  let sessionId: string | undefined
  let userId: string | undefined
  for (const span of spans) {
    if (minStart === undefined || span.startTimeUnixNano < minStart)
      minStart = span.startTimeUnixNano
    const end = span.endTimeUnixNano
    if (end !== undefined && (maxEnd === undefined || end > maxEnd)) maxEnd = end
    for (const key of SESSION_ATTRIBUTES) {
      const value = span.attributes[key]
      if (sessionId === undefined && value) sessionId = unwrapJsonString(value)
    }
    const user = span.attributes['user.id']
    if (userId === undefined && user) userId = unwrapJsonString(user)
  }
  if (sessionId !== undefined) {
    validateLength({ what: 'Session ID', limit: 250, value: sessionId })
  }
  const root = spans.find((span) => span.parentSpanId === undefined)
  return {
    traceId,
    spans,
    minStartMs: Number((minStart ?? 0n) / 1_000_000n),
    maxEndMs: maxEnd === undefined ? undefined : Number(maxEnd / 1_000_000n),
    rootState:
      root === undefined ? undefined : root.statusCode === 'STATUS_CODE_ERROR' ? 'ERROR' : 'OK',
    root,
    sessionId,
    userId,
    tags: root === undefined ? [] : rootSpanTags(root),
    hasTokenUsage: spans.some((span) => Boolean(span.attributes[TOKEN_USAGE_ATTRIBUTE])),
  }
}

function rootSpanTags(root: SpanRecord): [string, string][] {
  const tags: [string, string][] = []
  for (const [key, text] of Object.entries(root.attributes)) {
    if (!key.startsWith(TRACE_TAG_PREFIX)) continue
    const tagKey = key.slice(TRACE_TAG_PREFIX.length)
    try {
      validateKeyName({ name: tagKey, path: 'key' })
      validateLength({ what: 'key', limit: 250, value: tagKey })
      const value = validateLength({
        what: 'value',
        limit: 8000,
        value: unwrapJsonString(text),
        truncate: true,
      })
      tags.push([tagKey, value])
    } catch {
      // MLflow skips trace tags it cannot store.
    }
  }
  return tags
}
