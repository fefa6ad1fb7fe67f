import { z } from 'zod'
import { modelVersionSchema } from '../../entities/registry/model-version.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/model-versions/transition-stage`: moves a version to `stage` (`None`,
 * `Staging`, `Production`, `Archived`, any case). With `archive_existing_versions` (only for
 * `Staging` and `Production`) the other versions in that stage move to `Archived`.
 *
 * @example
 * transitionModelVersionStage.request.parse({
 *   name: 'qa-program',
 *   version: '2',
 *   stage: 'production',
 *   archive_existing_versions: true,
 * })
 */
export const transitionModelVersionStage = defineEndpoint({
  rpc: 'TransitionModelVersionStage',
  method: 'POST',
  path: '/api/2.0/mlflow/model-versions/transition-stage',
  request: z.object({
    name: requiredString(),
    version: requiredString(),
    stage: requiredString(),
    archiveExistingVersions: z.boolean().default(false),
  }),
  response: z.object({ modelVersion: modelVersionSchema }),
})

/** The request of `transitionModelVersionStage`, camelCase. */
export type TransitionModelVersionStageRequest = EndpointRequest<typeof transitionModelVersionStage>
/** The response of `transitionModelVersionStage`, camelCase. */
export type TransitionModelVersionStageResponse = EndpointResponse<
  typeof transitionModelVersionStage
>
