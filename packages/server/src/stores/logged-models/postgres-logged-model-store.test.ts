import { openPostgresBackendStores } from '../postgres/postgres-tracking-store.ts'
import { describeWithPostgres } from '../testing/describe-with-postgres.ts'
import { runLoggedModelStoreConformance } from './testing/logged-model-store-conformance.ts'

let schemas = 0
describeWithPostgres({
  suite: 'LoggedModelStore conformance',
  define: (server) =>
    runLoggedModelStoreConformance({
      name: 'postgres',
      createStores: (settings) =>
        openPostgresBackendStores({
          connectionString: server().connectionString,
          schema: `logged_models_${++schemas}`,
          ...settings,
        }),
    }),
})
