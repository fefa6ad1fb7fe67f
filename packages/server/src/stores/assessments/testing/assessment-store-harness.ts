/**
 * @module assessment-store-harness
 * What the assessment store conformance cases share: a fresh backend database per test with a
 * fake clock and predictable ids, traces to put assessments on, and error assertions.
 */
import type { Assessment } from '@dspyflow/mlflow/protocol'
import { afterEach, expect } from 'vitest'
import type { BackendStores } from '../../backend-stores.ts'
import type { SqlDialect } from '../../sql/sql-dialect.ts'
import type { SqlDriver } from '../../sql/sql-driver.ts'
import { sql } from '../../sql/sql-fragment.ts'
import { StoreError, type StoreErrorCode } from '../../store-error.ts'

/** The clock and id generator the suite injects. */
export interface AssessmentStoreSettings {
  now: () => number
  generateId: () => string
}

/** Opens a fresh, migrated backend database, with its driver and dialect. */
export type OpenAssessmentBackend = (settings: AssessmentStoreSettings) => Promise<{
  stores: BackendStores
  driver: SqlDriver
  dialect: SqlDialect
}>

/** One test's database. */
export interface AssessmentTestStores {
  stores: BackendStores
  driver: SqlDriver
  dialect: SqlDialect
  /** An experiment to create traces in. */
  experimentId: string
  /** Moves the fake clock forward. */
  advance(milliseconds: number): void
  now(): number
  /** Starts a finished trace (`tr-` + `hex` padded to 32) and returns its id. */
  createTrace(hex: string, assessments?: Assessment[]): Promise<string>
  /** The raw `assessments` rows of a trace, oldest first. */
  rows(traceId: string): Promise<Record<string, unknown>[]>
}

/** The fake clock's start (2023-11-14T22:13:20Z). */
export const START_TIME = 1_700_000_000_000

/**
 * Returns `open()`, which gives a fresh database per call, closed after the test.
 *
 * @example
 * const open = createAssessmentStoreHarness(openBackend)
 * const { stores } = await open()
 */
export function createAssessmentStoreHarness(
  openBackend: OpenAssessmentBackend,
): () => Promise<AssessmentTestStores> {
  const opened: BackendStores[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((stores) => stores.close()))
  })
  return async () => {
    let time = START_TIME
    let counter = 0
    const { stores, driver, dialect } = await openBackend({
      now: () => time,
      generateId: () => (++counter).toString(16).padStart(32, '0'),
    })
    opened.push(stores)
    const experimentId = await stores.trackingStore.createExperiment({ name: 'assessments' })
    return {
      stores,
      driver,
      dialect,
      experimentId,
      advance: (milliseconds) => {
        time += milliseconds
      },
      now: () => time,
      async createTrace(hex, assessments = []) {
        const traceId = `tr-${hex.padStart(32, '0')}`
        await stores.traceStore.startTrace({
          traceInfo: {
            traceId,
            experimentId,
            requestTime: time,
            executionDuration: 5,
            state: 'OK',
            traceMetadata: {},
            tags: {},
            assessments,
          },
        })
        return traceId
      },
      async rows(traceId) {
        const result = await driver.execute(
          sql`SELECT * FROM assessments WHERE trace_id = ${traceId}
              ORDER BY created_timestamp, assessment_id`,
        )
        return result.rows
      },
    }
  }
}

/**
 * Asserts that `promise` rejects with a `StoreError` of `code` (and `message`, when given).
 *
 * @example
 * await expectStoreError(store.getAssessment({ traceId, assessmentId: 'a-x' }), 'RESOURCE_DOES_NOT_EXIST')
 */
export async function expectStoreError(
  promise: Promise<unknown>,
  code: StoreErrorCode,
  message?: string,
): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(StoreError.isInstance(error), `expected a StoreError, got ${String(error)}`).toBe(true)
  expect((error as StoreError).code).toBe(code)
  if (message !== undefined) expect((error as StoreError).message).toBe(message)
}

/** The id the harness generates for its `n`-th id (`a-` prefixed for assessments). */
export function nthId(n: number): string {
  return n.toString(16).padStart(32, '0')
}
