import { describeWithPostgres } from '../testing/describe-with-postgres.ts'
import { openPostgresTestBackend } from '../testing/open-postgres-test-backend.ts'
import { runTraceStoreConformance } from './testing/trace-store-conformance.ts'

let databases = 0
describeWithPostgres({
  suite: 'TraceStore conformance',
  define: (server) =>
    runTraceStoreConformance({
      name: 'postgres',
      openBackend: (settings) =>
        openPostgresTestBackend({ server: server(), database: `traces_${++databases}`, settings }),
    }),
})
