import { describeWithPostgres } from '../testing/describe-with-postgres.ts'
import { openPostgresTestBackend } from '../testing/open-postgres-test-backend.ts'
import { runAssessmentStoreConformance } from './testing/assessment-store-conformance.ts'

let databases = 0
describeWithPostgres({
  suite: 'AssessmentStore conformance',
  define: (server) =>
    runAssessmentStoreConformance({
      name: 'postgres',
      openBackend: (settings) =>
        openPostgresTestBackend({
          server: server(),
          database: `assessments_${++databases}`,
          settings,
          maxConnections: 4,
        }),
    }),
})
