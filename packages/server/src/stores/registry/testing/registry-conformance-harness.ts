/**
 * @module registry-conformance-harness
 * What each registry conformance sub-suite gets: a fresh backend (registry and tracking stores
 * on one database) with a fake clock, a fake logged-model lookup, and error assertions.
 */
import { afterEach } from 'vitest'
import type { BackendStores } from '../../backend-stores.ts'
import type { LoggedModelLookup, LoggedModelSummary, RegistryStore } from '../registry-store.ts'

/** Deterministic dependencies injected into every backend the suite opens. */
export interface RegistryConformanceSettings {
  now: () => number
  generateId: () => string
  defaultArtifactRoot: string
}

/** Opens a fresh, empty backend with the given dependencies. */
export type CreateRegistryBackend = (
  settings: RegistryConformanceSettings,
) => Promise<BackendStores>

/** A backend under test and its fake clock. */
export interface OpenedRegistry {
  registry: RegistryStore
  stores: BackendStores
  /** The current fake time (epoch ms). */
  now(): number
  /** Moves the fake clock forward. */
  advance(milliseconds: number): void
}

/** Shared by the sub-suites. */
export interface RegistryConformanceHarness {
  /** A fresh backend, closed after the current test. */
  open(): Promise<OpenedRegistry>
}

/** The fake clock's start. */
export const START_TIME = 1_700_000_000_000

/**
 * Builds the harness; backends opened in a test are closed after it.
 *
 * @example
 * const harness = createRegistryConformanceHarness(createBackend)
 * const { registry } = await harness.open()
 */
export function createRegistryConformanceHarness(
  createBackend: CreateRegistryBackend,
): RegistryConformanceHarness {
  const opened: BackendStores[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((stores) => stores.close()))
  })
  return {
    async open() {
      let time = START_TIME
      let counter = 0
      const stores = await createBackend({
        now: () => time,
        generateId: () => {
          counter += 1
          return counter.toString(16).padStart(32, '0')
        },
        defaultArtifactRoot: 'mlflow-artifacts:/',
      })
      opened.push(stores)
      return {
        registry: stores.registryStore,
        stores,
        now: () => time,
        advance: (milliseconds) => {
          time += milliseconds
        },
      }
    },
  }
}

/** A fake logged-model store: a map of models, recording the tags set on them. */
export interface FakeLoggedModels extends LoggedModelLookup {
  readonly models: Map<string, LoggedModelSummary>
}

/**
 * A small in-memory {@link LoggedModelLookup} for tests.
 *
 * @example
 * const loggedModels = fakeLoggedModels({
 *   'm-1': { info: { artifactUri: 'mlflow-artifacts:/1/models/m-1/artifacts', sourceRunId: 'r1' } },
 * })
 */
export function fakeLoggedModels(models: Record<string, LoggedModelSummary>): FakeLoggedModels {
  const map = new Map(Object.entries(models))
  return {
    models: map,
    async getLoggedModel({ modelId }) {
      return map.get(modelId)
    },
    async setLoggedModelTags({ modelId, tags }) {
      const model = map.get(modelId)
      if (!model) throw new Error(`no logged model ${modelId}`)
      const merged = new Map((model.info.tags ?? []).map((tag) => [tag.key, tag.value ?? '']))
      for (const tag of tags) merged.set(tag.key, tag.value)
      model.info.tags = [...merged].map(([key, value]) => ({ key, value }))
    },
  }
}
