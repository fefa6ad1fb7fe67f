import { z } from 'zod'
import { protoTypes } from '../proto-types.ts'

/** The proto numbers of {@link ModelVersionStatus}. */
export const MODEL_VERSION_STATUS_NUMBERS = {
  PENDING_REGISTRATION: 1,
  FAILED_REGISTRATION: 2,
  READY: 3,
} as const

/**
 * The registration status of a model version. MLflow's own stores create versions `READY`
 * at once; clients poll until they see it.
 *
 * @example
 * modelVersionStatusSchema.parse('READY') // 'READY'
 */
export const modelVersionStatusSchema = z.enum([
  'PENDING_REGISTRATION',
  'FAILED_REGISTRATION',
  'READY',
])
protoTypes.add(modelVersionStatusSchema, { type: 'enum', numbers: MODEL_VERSION_STATUS_NUMBERS })

/** `'PENDING_REGISTRATION'`, `'FAILED_REGISTRATION'` or `'READY'`. */
export type ModelVersionStatus = z.infer<typeof modelVersionStatusSchema>
