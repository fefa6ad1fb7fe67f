/**
 * @module settle
 * Lets the machine settle between phases: `sync` writes back the dirty pages the last phase left
 * (a million spans are gigabytes of SQLite pages; the kernel's writeback threads would otherwise
 * run on the two cores during the next phase), then a short pause. Both servers get the same.
 */
import { execFileSync } from 'node:child_process'

/**
 * Flushes dirty pages and waits `pauseMs`.
 *
 * @example
 * await settle(3000)
 */
export async function settle(pauseMs: number): Promise<void> {
  try {
    execFileSync('sync')
  } catch {
    // No sync command: the pause alone.
  }
  await new Promise((resolve) => setTimeout(resolve, pauseMs))
}
