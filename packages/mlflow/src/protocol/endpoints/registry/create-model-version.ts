import { z } from 'zod'
import { modelVersionSchema } from '../../entities/registry/model-version.ts'
import { modelVersionTagSchema } from '../../entities/registry/registry-tags.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/model-versions/create`: registers a new version of a model from a
 * `source` URI (`mlflow-artifacts:/…` inside the run's artifacts, `runs:/<run_id>/…`,
 * `models:/<name>/<version>`, `models:/<model_id>` with `model_id`). The version number is the
 * highest ever used + 1; the version is `READY` at once, in stage `None`.
 *
 * @example
 * createModelVersion.request.parse({
 *   name: 'qa-program',
 *   source: 'runs:/5f0c2a9e0d4b4e0fa1c3b7d2e9f81234/model',
 *   run_id: '5f0c2a9e0d4b4e0fa1c3b7d2e9f81234',
 * })
 */
export const createModelVersion = defineEndpoint({
  rpc: 'CreateModelVersion',
  method: 'POST',
  path: '/api/2.0/mlflow/model-versions/create',
  request: z.object({
    name: requiredString(),
    source: requiredString(),
    runId: z.string().optional(),
    tags: z.array(modelVersionTagSchema).default([]),
    runLink: z.string().optional(),
    description: z.string().optional(),
    modelId: z.string().optional(),
  }),
  response: z.object({ modelVersion: modelVersionSchema }),
})

/** The request of `createModelVersion`, camelCase. */
export type CreateModelVersionRequest = EndpointRequest<typeof createModelVersion>
/** The response of `createModelVersion`, camelCase. */
export type CreateModelVersionResponse = EndpointResponse<typeof createModelVersion>
