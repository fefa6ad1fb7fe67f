import { describe, expect, it } from 'vitest'
import { describeWithPostgres } from '../testing/describe-with-postgres.ts'
import { runStoreConformance } from '../testing/run-store-conformance.ts'
import { openPostgresTrackingStore } from './postgres-tracking-store.ts'

let schemas = 0
describeWithPostgres({
  suite: 'TrackingStore conformance',
  define: (postgres) => {
    runStoreConformance({
      name: 'postgres',
      createStore: (settings) =>
        openPostgresTrackingStore({
          connectionString: postgres().connectionString,
          schema: `conformance_${++schemas}`,
          ...settings,
        }),
    })

    describe('PostgreSQL migrations', () => {
      it('migrate once when several stores open a fresh database at the same time', async () => {
        const connectionString = await postgres().createDatabase('concurrent_open')
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
  },
})
