import Database from 'better-sqlite3'
import { createSqlBackendStores } from '../sql/sql-tracking-store.ts'
import { createSqliteDriver } from '../sqlite/sqlite-driver.ts'
import { sqliteDialect } from '../sqlite/sqlite-dialect.ts'
import { runAssessmentStoreConformance } from './testing/assessment-store-conformance.ts'

runAssessmentStoreConformance({
  name: 'sqlite',
  openBackend: async (settings) => {
    const database = new Database(':memory:')
    database.pragma('foreign_keys = ON')
    const driver = createSqliteDriver({ database })
    const stores = await createSqlBackendStores({ driver, dialect: sqliteDialect, ...settings })
    return { stores, driver, dialect: sqliteDialect }
  },
})
