/**
 * @module search-process
 * Runs the search phase in a fresh load-generator process: its heap holds nothing of the
 * seeding (a million encoded spans went through the parent), so no garbage collection of the
 * parent's lands inside a timed search. The child prints the results as one JSON line.
 *
 *   npx tsx bench/traces/search-process.ts '<SearchPhaseOptions as JSON>'
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { root } from '../tracking/server-process.ts'
import { type SearchCaseResult, type SearchPhaseOptions, searchPhase } from './search-phase.ts'

/**
 * The search phase, run by a child process.
 *
 * @example
 * const results = await searchInChildProcess({ baseUrl, experimentId: '1', traces: 100_000,
 *   maxResults: 100, queries: 100, warmup: 10, timeoutMs: 60_000 })
 */
export function searchInChildProcess(options: SearchPhaseOptions): Promise<SearchCaseResult[]> {
  const tsx = join(root, 'node_modules', '.bin', 'tsx')
  const script = join(root, 'bench', 'traces', 'search-process.ts')
  return new Promise((resolve, reject) => {
    const child = execFile(
      tsx,
      [script, JSON.stringify(options)],
      { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        if (error) {
          reject(error)
          return
        }
        const line = stdout.trim().split('\n').pop() ?? ''
        resolve(JSON.parse(line) as SearchCaseResult[])
      },
    )
    child.stderr?.pipe(process.stderr)
  })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = JSON.parse(process.argv[2] ?? '{}') as SearchPhaseOptions
  const results = await searchPhase(options)
  process.stdout.write(`${JSON.stringify(results)}\n`)
}
