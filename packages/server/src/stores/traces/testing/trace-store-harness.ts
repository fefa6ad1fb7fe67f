/**
 * @module trace-store-harness
 * What the trace store conformance cases share: a fresh backend database per test (with a fake
 * clock), a trace store on it with short retry delays, and builders of spans and trace infos.
 */
import { afterAll, afterEach, expect } from 'vitest'
import type { BackendStores } from '../../backend-stores.ts'
import type { SqlDialect } from '../../sql/sql-dialect.ts'
import type { SqlDriver } from '../../sql/sql-driver.ts'
import { createSqlStoreContext } from '../../sql/sql-store-context.ts'
import { StoreError, type StoreErrorCode } from '../../store-error.ts'
import type { TrackingStore } from '../../tracking-store.ts'
import type { SpanRecord } from '../span-record.ts'
import { pythonJsonText } from '../spans/python-json.ts'
import { createSqlTraceStore } from '../sql-trace-store.ts'
import type { StartTraceInput, TraceStore } from '../trace-store.ts'

/** The settings the suite injects. */
export interface TraceStoreSettings {
  now: () => number
  generateId: () => string
}

/** Opens a fresh, migrated backend database and hands back its driver and dialect too. */
export type OpenTraceBackend = (settings: TraceStoreSettings) => Promise<{
  stores: BackendStores
  driver: SqlDriver
  dialect: SqlDialect
}>

/** One test's stores. */
export interface TraceTestStores {
  traceStore: TraceStore
  trackingStore: TrackingStore
  driver: SqlDriver
  dialect: SqlDialect
  advance(milliseconds: number): void
  now(): number
}

/** The fake clock's start. */
export const START_TIME = 1_700_000_000_000

/** Opens a fresh database: closed after the test, or after the suite when `shared`. */
export type OpenTraceStores = (options?: { shared?: boolean }) => Promise<TraceTestStores>

/**
 * Returns `open()`, which gives a fresh database per call, closed after the test (or, for
 * `beforeAll` fixtures, `open({ shared: true })`, after the suite).
 *
 * @example
 * const open = createTraceStoreHarness(openBackend)
 * const { traceStore } = await open()
 */
export function createTraceStoreHarness(openBackend: OpenTraceBackend): OpenTraceStores {
  const opened: BackendStores[] = []
  const shared: BackendStores[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((stores) => stores.close()))
  })
  afterAll(async () => {
    await Promise.all(shared.splice(0).map((stores) => stores.close()))
  })
  return async (options = {}) => {
    let time = START_TIME
    let counter = 0
    const settings = {
      now: () => time,
      generateId: () => (++counter).toString(16).padStart(32, '0'),
    }
    const { stores, driver, dialect } = await openBackend(settings)
    ;(options.shared === true ? shared : opened).push(stores)
    const context = createSqlStoreContext({ driver, dialect, ...settings })
    return {
      traceStore: createSqlTraceStore(context, { partialTraceRetryDelaysMs: [10] }),
      trackingStore: stores.trackingStore,
      driver,
      dialect,
      advance: (milliseconds) => {
        time += milliseconds
      },
      now: () => time,
    }
  }
}

/**
 * Expects a promise to reject with a `StoreError` of `code` (and a message matching `message`).
 *
 * @example
 * await expectStoreError(store.getTraceInfo({ traceId: 'tr-x' }), 'RESOURCE_DOES_NOT_EXIST')
 */
export async function expectStoreError(
  promise: Promise<unknown>,
  code: StoreErrorCode,
  message?: RegExp | string,
): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(StoreError.isInstance(error), `expected a StoreError ${code}, got ${String(error)}`).toBe(
    true,
  )
  const storeError = error as StoreError
  expect(storeError.code).toBe(code)
  if (message !== undefined) expect(storeError.message).toMatch(message)
  return storeError
}

/**
 * A trace id from a small number.
 *
 * @example
 * traceIdOf(1) // 'tr-00000000000000000000000000000001'
 */
export function traceIdOf(n: number): string {
  return `tr-${n.toString(16).padStart(32, '0')}`
}

/**
 * A span id from a small number.
 *
 * @example
 * spanIdOf(1) // '0000000000000001'
 */
export function spanIdOf(n: number): string {
  return n.toString(16).padStart(16, '0')
}

/** A span with sensible defaults; attribute values are given decoded and stored JSON-encoded. */
export function makeSpan(options: {
  traceId: string
  spanId: number
  parent?: number
  name?: string
  startNs: bigint
  endNs?: bigint
  status?: SpanRecord['statusCode']
  attributes?: Record<string, unknown>
}): SpanRecord {
  const attributes: Record<string, string> = {
    'mlflow.traceRequestId': pythonJsonText(options.traceId),
  }
  for (const [key, value] of Object.entries(options.attributes ?? {})) {
    attributes[key] = pythonJsonText(value)
  }
  return {
    traceId: options.traceId,
    spanId: spanIdOf(options.spanId),
    parentSpanId: options.parent === undefined ? undefined : spanIdOf(options.parent),
    name: options.name ?? `span-${options.spanId}`,
    kind: 'SPAN_KIND_INTERNAL',
    traceState: '',
    startTimeUnixNano: options.startNs,
    endTimeUnixNano: options.endNs,
    statusCode: options.status ?? 'STATUS_CODE_OK',
    statusMessage: '',
    attributes,
    events: [],
  }
}

/** A StartTraceV3 input with defaults. */
export function makeTraceInfo(
  options: Partial<StartTraceInput> & { traceId: string; experimentId: string },
): StartTraceInput {
  return {
    requestTime: START_TIME,
    executionDuration: 10,
    state: 'OK',
    traceMetadata: { 'mlflow.trace_schema.version': '3' },
    tags: {},
    assessments: [],
    ...options,
  }
}

/** Milliseconds → nanoseconds. */
export function ns(milliseconds: number, extra = 0n): bigint {
  return BigInt(milliseconds) * 1_000_000n + extra
}
