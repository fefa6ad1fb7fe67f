/**
 * @module describe-with-postgres
 * Runs a store suite against a real PostgreSQL server started for the test file (initdb in a
 * temp folder, a free 127.0.0.1 port), or skips it with a clear reason when the PostgreSQL
 * binaries are not installed. Imports vitest: for test files only.
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import {
  findPostgresBinaries,
  type PostgresServer,
  startPostgresServer,
} from './postgres-server.ts'

/** Options of {@link describeWithPostgres}. */
export interface DescribeWithPostgresOptions {
  /** Names the skipped suite, e.g. `RegistryStore conformance`. */
  suite: string
  /** Declares the tests; `server()` is the running server once the tests run. */
  define: (server: () => PostgresServer) => void
}

/**
 * Starts PostgreSQL before the file's tests and stops it after them, around `define`.
 *
 * @example
 * describeWithPostgres({
 *   suite: 'RegistryStore conformance',
 *   define: (server) => runRegistryStoreConformance({ name: 'postgres', createBackend: () =>
 *     openPostgresBackendStores({ connectionString: server().connectionString }) }),
 * })
 */
export function describeWithPostgres(options: DescribeWithPostgresOptions): void {
  const binaries = findPostgresBinaries()
  if (!binaries) {
    describe.skip(`${options.suite}: postgres (PostgreSQL binaries not found: install PostgreSQL, e.g. \`apt-get install postgresql\`, or set DSPYFLOW_PG_BIN)`, () => {
      it('needs initdb and pg_ctl', () => undefined)
    })
    return
  }
  let running: PostgresServer | undefined
  beforeAll(async () => {
    running = await startPostgresServer({ binaries })
  }, 120_000)
  afterAll(async () => {
    await running?.stop()
  })
  options.define(() => {
    if (running === undefined) throw new Error('PostgreSQL has not started yet')
    return running
  })
}
