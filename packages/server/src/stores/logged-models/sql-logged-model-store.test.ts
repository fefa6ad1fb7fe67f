import { openSqliteBackendStores } from '../sqlite/sqlite-tracking-store.ts'
import { runLoggedModelStoreConformance } from './testing/logged-model-store-conformance.ts'

runLoggedModelStoreConformance({
  name: 'sqlite',
  createStores: (settings) => openSqliteBackendStores({ path: ':memory:', ...settings }),
})
