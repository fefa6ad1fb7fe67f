import { openPostgresBackendStores } from '../postgres/postgres-tracking-store.ts'
import { describeWithPostgres } from '../testing/describe-with-postgres.ts'
import { runRegistryStoreConformance } from './testing/run-registry-store-conformance.ts'

let schemas = 0
describeWithPostgres({
  suite: 'RegistryStore conformance',
  define: (server) =>
    runRegistryStoreConformance({
      name: 'postgres',
      createBackend: (settings) =>
        openPostgresBackendStores({
          connectionString: server().connectionString,
          schema: `registry_${++schemas}`,
          ...settings,
        }),
    }),
})
