import { runStoreConformance } from '../testing/run-store-conformance.ts'
import { openSqliteTrackingStore } from './sqlite-tracking-store.ts'

runStoreConformance({
  name: 'sqlite',
  createStore: (settings) => openSqliteTrackingStore({ path: ':memory:', ...settings }),
})
