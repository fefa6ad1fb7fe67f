import { afterAll, beforeAll, describe, it } from 'vitest'
import { openPostgresBackendStores } from '../postgres/postgres-tracking-store.ts'
import {
  findPostgresBinaries,
  type PostgresServer,
  startPostgresServer,
} from '../testing/postgres-server.ts'
import { runRegistryStoreConformance } from './testing/run-registry-store-conformance.ts'

const binaries = findPostgresBinaries()

if (!binaries) {
  describe.skip('RegistryStore conformance: postgres (PostgreSQL binaries not found: install PostgreSQL or set DSPYFLOW_PG_BIN)', () => {
    it('needs initdb and pg_ctl', () => undefined)
  })
} else {
  let server: PostgresServer
  let schemas = 0
  beforeAll(async () => {
    server = await startPostgresServer({ binaries })
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
  })

  runRegistryStoreConformance({
    name: 'postgres',
    createBackend: (settings) =>
      openPostgresBackendStores({
        connectionString: server.connectionString,
        schema: `registry_${++schemas}`,
        ...settings,
      }),
  })
}
