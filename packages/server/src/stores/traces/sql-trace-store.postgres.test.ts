import pg from 'pg'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { postgresDialect } from '../postgres/postgres-dialect.ts'
import { createPostgresDriver } from '../postgres/postgres-driver.ts'
import { createSqlBackendStores } from '../sql/sql-tracking-store.ts'
import {
  findPostgresBinaries,
  type PostgresServer,
  startPostgresServer,
} from '../testing/postgres-server.ts'
import { runTraceStoreConformance } from './testing/trace-store-conformance.ts'

const binaries = findPostgresBinaries()

if (!binaries) {
  describe.skip('TraceStore conformance: postgres (PostgreSQL binaries not found)', () => {
    it('needs initdb and pg_ctl', () => undefined)
  })
} else {
  let server: PostgresServer
  let databases = 0
  beforeAll(async () => {
    server = await startPostgresServer({ binaries })
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
  })

  runTraceStoreConformance({
    name: 'postgres',
    openBackend: async (settings) => {
      const connectionString = await server.createDatabase(`traces_${++databases}`)
      const pool = new pg.Pool({ connectionString, max: 8 })
      pool.on('error', () => undefined)
      const driver = createPostgresDriver({ pool })
      const stores = await createSqlBackendStores({ driver, dialect: postgresDialect, ...settings })
      return { stores, driver, dialect: postgresDialect }
    },
  })
}
