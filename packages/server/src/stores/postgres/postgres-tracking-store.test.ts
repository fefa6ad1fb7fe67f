import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  findPostgresBinaries,
  type PostgresServer,
  startPostgresServer,
} from '../testing/postgres-server.ts'
import { runStoreConformance } from '../testing/run-store-conformance.ts'
import { openPostgresTrackingStore } from './postgres-tracking-store.ts'

const binaries = findPostgresBinaries()

if (!binaries) {
  describe.skip('TrackingStore conformance: postgres (PostgreSQL binaries not found: install PostgreSQL, e.g. `apt-get install postgresql`, or set DSPYFLOW_PG_BIN)', () => {
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

  runStoreConformance({
    name: 'postgres',
    createStore: (settings) =>
      openPostgresTrackingStore({
        connectionString: server.connectionString,
        schema: `conformance_${++schemas}`,
        ...settings,
      }),
  })

  describe('PostgreSQL migrations', () => {
    it('migrate once when several stores open a fresh database at the same time', async () => {
      const connectionString = await server.createDatabase('concurrent_open')
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => openPostgresTrackingStore({ connectionString })),
      )
      try {
        const experiments = await Promise.all(
          stores.map((store) => store.searchExperiments({ viewType: 'ALL' })),
        )
        for (const result of experiments) {
          expect(result.experiments.map((experiment) => experiment.name)).toEqual(['Default'])
        }
      } finally {
        await Promise.all(stores.map((store) => store.close()))
      }
    })
  })
}
