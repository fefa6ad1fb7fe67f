/**
 * @module logged-model-harness
 * What the logged-model conformance suite gets: fresh backend stores (the logged-model store
 * and the tracking store it needs for experiments and runs) with a fake clock and
 * deterministic ids.
 */
import { afterEach } from 'vitest'
import type { BackendStores } from '../../backend-stores.ts'
import {
  type ConformanceStoreSettings,
  deterministicStoreSettings,
} from '../../testing/conformance/conformance-harness.ts'

/** Opens fresh, empty backend stores that use the given dependencies. */
export type CreateLoggedModelStores = (settings: ConformanceStoreSettings) => Promise<BackendStores>

/** Stores under test and the clock they read. */
export interface OpenedLoggedModelStores {
  stores: BackendStores
  now(): number
  advance(milliseconds: number): void
}

/** Shared by the sub-suites. */
export interface LoggedModelHarness {
  /** Fresh stores, closed after the current test. */
  open(): Promise<OpenedLoggedModelStores>
  /** Fresh stores the caller closes (for `beforeAll` fixtures). */
  openUnmanaged(): Promise<OpenedLoggedModelStores>
}

export { START_TIME } from '../../testing/conformance/conformance-harness.ts'

/**
 * Builds the harness; stores opened in a test are closed after it.
 *
 * @example
 * const harness = createLoggedModelHarness(createStores)
 * const { stores } = await harness.open()
 */
export function createLoggedModelHarness(create: CreateLoggedModelStores): LoggedModelHarness {
  const opened: BackendStores[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((stores) => stores.close()))
  })
  const build = async (): Promise<OpenedLoggedModelStores> => {
    const { settings, now, advance } = deterministicStoreSettings({ seed: 7 })
    const stores = await create(settings)
    return { stores, now, advance }
  }
  return {
    async open() {
      const result = await build()
      opened.push(result.stores)
      return result
    },
    openUnmanaged: build,
  }
}
