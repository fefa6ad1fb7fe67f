/**
 * @module conformance-harness
 * What each conformance sub-suite gets: a way to open a fresh store with a fake clock and
 * deterministic ids, and assertions on store errors.
 */
import { afterEach, expect } from 'vitest'
import { StoreError, type StoreErrorCode } from '../../store-error.ts'
import type { TrackingStore } from '../../tracking-store.ts'

/** Deterministic dependencies the suite injects into every store it creates. */
export interface ConformanceStoreSettings {
  now: () => number
  generateId: () => string
  random: () => number
  defaultArtifactRoot: string
  truncateLongValues?: boolean
}

/** Creates a fresh, empty store (only the Default experiment) with the given dependencies. */
export type CreateConformanceStore = (settings: ConformanceStoreSettings) => Promise<TrackingStore>

/** A store under test and the clock it reads. */
export interface OpenedStore {
  store: TrackingStore
  /** The current fake time (epoch ms). */
  now(): number
  /** Moves the fake clock forward. */
  advance(milliseconds: number): void
}

/** Shared by the sub-suites. */
export interface ConformanceHarness {
  /** A fresh store, closed after the current test. */
  open(options?: { truncateLongValues?: boolean }): Promise<OpenedStore>
  /** A fresh store the caller closes (for `beforeAll` fixtures). */
  openUnmanaged(): Promise<OpenedStore>
}

/** The fake clock's start: 2023-11-14T22:13:20Z. */
export const START_TIME = 1_700_000_000_000
/** The artifact root the suite configures. */
export const ARTIFACT_ROOT = 'mlflow-artifacts:/'

/** Deterministic store dependencies and the fake clock behind them. */
export interface DeterministicStoreSettings {
  settings: ConformanceStoreSettings
  /** The current fake time (epoch ms). */
  now(): number
  /** Moves the fake clock forward. */
  advance(milliseconds: number): void
}

/**
 * A fake clock starting at {@link START_TIME}, counter ids (32 hex digits) and a seeded
 * Park–Miller random sequence, for a store the suite opens.
 *
 * @example
 * const { settings, advance } = deterministicStoreSettings({ seed: 1 })
 * const store = await createStore(settings)
 */
export function deterministicStoreSettings(options: { seed: number }): DeterministicStoreSettings {
  let time = START_TIME
  let counter = 0
  let seed = options.seed
  return {
    settings: {
      now: () => time,
      generateId: () => {
        counter += 1
        return counter.toString(16).padStart(32, '0')
      },
      random: () => {
        seed = (seed * 16807) % 2147483647
        return (seed - 1) / 2147483646
      },
      defaultArtifactRoot: ARTIFACT_ROOT,
    },
    now: () => time,
    advance: (milliseconds) => {
      time += milliseconds
    },
  }
}

/**
 * Builds the harness; stores opened in a test are closed after it.
 *
 * @example
 * const harness = createConformanceHarness(createStore)
 * const { store } = await harness.open()
 */
export function createConformanceHarness(createStore: CreateConformanceStore): ConformanceHarness {
  const opened: TrackingStore[] = []
  afterEach(async () => {
    const stores = opened.splice(0)
    await Promise.all(stores.map((store) => store.close()))
  })
  const build = async (options: { truncateLongValues?: boolean }): Promise<OpenedStore> => {
    const { settings, now, advance } = deterministicStoreSettings({ seed: 1 })
    const store = await createStore({
      ...settings,
      ...(options.truncateLongValues === undefined
        ? {}
        : { truncateLongValues: options.truncateLongValues }),
    })
    return { store, now, advance }
  }
  return {
    async open(options = {}) {
      const result = await build(options)
      opened.push(result.store)
      return result
    },
    openUnmanaged: () => build({}),
  }
}

/**
 * Asserts that `promise` rejects with a {@link StoreError} of `code`; `message` is matched
 * exactly (string) or by pattern.
 */
export async function expectStoreError(
  promise: Promise<unknown>,
  code: StoreErrorCode,
  message?: string | RegExp,
): Promise<StoreError> {
  let caught: unknown
  try {
    await promise
  } catch (error) {
    caught = error
  }
  expect(StoreError.isInstance(caught), `expected a StoreError, got ${String(caught)}`).toBe(true)
  const error = caught as StoreError
  expect(error.code, error.message).toBe(code)
  if (typeof message === 'string') expect(error.message).toBe(message)
  else if (message) expect(error.message).toMatch(message)
  return error
}
