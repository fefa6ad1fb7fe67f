import { z } from 'zod'
import { metricSchema } from '../metric.ts'
import { int64Schema } from '../proto-types.ts'
import { loggedModelStatusSchema } from './logged-model-status.ts'

/**
 * A tag of a logged model (upserted by key).
 *
 * @example
 * loggedModelTagSchema.parse({ key: 'mlflow.user', value: 'ada' })
 */
export const loggedModelTagSchema = z.object({ key: z.string(), value: z.string().default('') })

/** A logged-model tag, camelCase. */
export type LoggedModelTag = z.infer<typeof loggedModelTagSchema>

/**
 * A parameter of a logged model (one value per key).
 *
 * @example
 * loggedModelParameterSchema.parse({ key: 'temperature', value: '0.7' })
 */
export const loggedModelParameterSchema = z.object({
  key: z.string(),
  value: z.string().default(''),
})

/** A logged-model parameter, camelCase. */
export type LoggedModelParameter = z.infer<typeof loggedModelParameterSchema>

/**
 * A registry model version created from a logged model (`models:/<model_id>`).
 *
 * @example
 * loggedModelRegistrationInfoSchema.parse({ name: 'qa', version: '1' })
 */
export const loggedModelRegistrationInfoSchema = z.object({
  name: z.string().default(''),
  version: z.string().default(''),
})

/** A registration of a logged model, camelCase. */
export type LoggedModelRegistrationInfo = z.infer<typeof loggedModelRegistrationInfoSchema>

/**
 * The metadata of a logged model (MLflow 3). `modelId` is `m-` followed by 32 hex characters;
 * `artifactUri` is `<experiment artifact location>/models/<model_id>/artifacts`. The reference
 * writes `modelType` and `sourceRunId` as `''` when the model was created without them.
 *
 * @example
 * loggedModelInfoSchema.parse({
 *   modelId: 'm-0123456789abcdef0123456789abcdef',
 *   experimentId: '1',
 *   name: 'qa-agent',
 *   creationTimestampMs: 1718460461282,
 *   lastUpdatedTimestampMs: 1718460461282,
 *   artifactUri: 'mlflow-artifacts:/1/models/m-0123456789abcdef0123456789abcdef/artifacts',
 *   status: 'LOGGED_MODEL_PENDING',
 * })
 */
export const loggedModelInfoSchema = z.object({
  modelId: z.string(),
  experimentId: z.string(),
  name: z.string(),
  creationTimestampMs: int64Schema.optional(),
  lastUpdatedTimestampMs: int64Schema.optional(),
  artifactUri: z.string(),
  status: loggedModelStatusSchema.default('LOGGED_MODEL_STATUS_UNSPECIFIED'),
  creatorId: int64Schema.optional(),
  modelType: z.string().optional(),
  sourceRunId: z.string().optional(),
  statusMessage: z.string().optional(),
  tags: z.array(loggedModelTagSchema).default([]),
  registrations: z.array(loggedModelRegistrationInfoSchema).default([]),
})

/** The metadata of a logged model, camelCase. */
export type LoggedModelInfo = z.infer<typeof loggedModelInfoSchema>

/**
 * What is logged to a model: its params, and every metric point logged with its `model_id`
 * (each point names its run, and its dataset when given).
 *
 * @example
 * loggedModelDataSchema.parse({}) // { params: [], metrics: [] }
 */
export const loggedModelDataSchema = z.object({
  params: z.array(loggedModelParameterSchema).default([]),
  metrics: z.array(metricSchema).default([]),
})

/** The data of a logged model, camelCase. */
export type LoggedModelData = z.infer<typeof loggedModelDataSchema>

/**
 * A logged model as the logged-model endpoints return it.
 *
 * @example
 * const model = loggedModelSchema.parse({
 *   info: {
 *     modelId: 'm-0123456789abcdef0123456789abcdef',
 *     experimentId: '1',
 *     name: 'qa-agent',
 *     artifactUri: 'mlflow-artifacts:/1/models/m-0123456789abcdef0123456789abcdef/artifacts',
 *     status: 'LOGGED_MODEL_READY',
 *   },
 * })
 * model.data.params // []
 */
export const loggedModelSchema = z.object({
  info: loggedModelInfoSchema,
  data: loggedModelDataSchema.prefault({}),
})

/** A logged model, camelCase. */
export type LoggedModel = z.infer<typeof loggedModelSchema>
