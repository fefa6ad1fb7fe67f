import { openSqliteBackendStores } from '../sqlite/sqlite-tracking-store.ts'
import { runRegistryStoreConformance } from './testing/run-registry-store-conformance.ts'

runRegistryStoreConformance({
  name: 'sqlite',
  createBackend: (settings) => openSqliteBackendStores({ path: ':memory:', ...settings }),
})
