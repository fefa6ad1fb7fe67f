import Database from 'better-sqlite3'
import { sqliteDialect } from '../sqlite/sqlite-dialect.ts'
import { createSqliteDriver } from '../sqlite/sqlite-driver.ts'
import { createSqlBackendStores } from '../sql/sql-tracking-store.ts'
import { runTraceStoreConformance } from './testing/trace-store-conformance.ts'

runTraceStoreConformance({
  name: 'sqlite',
  openBackend: async (settings) => {
    const database = new Database(':memory:')
    database.exec('PRAGMA foreign_keys = ON')
    const driver = createSqliteDriver({ database })
    const stores = await createSqlBackendStores({ driver, dialect: sqliteDialect, ...settings })
    return { stores, driver, dialect: sqliteDialect }
  },
})
