import { z } from 'zod'
import { protoTypes } from '../proto-types.ts'

/** The proto numbers of {@link LoggedModelStatus}; requests may send the name or the number. */
export const LOGGED_MODEL_STATUS_NUMBERS = {
  LOGGED_MODEL_STATUS_UNSPECIFIED: 0,
  LOGGED_MODEL_PENDING: 1,
  LOGGED_MODEL_READY: 2,
  LOGGED_MODEL_UPLOAD_FAILED: 3,
} as const

/**
 * The status of a logged model: `LOGGED_MODEL_PENDING` from creation until the client
 * finalizes it as `LOGGED_MODEL_READY` (files uploaded) or `LOGGED_MODEL_UPLOAD_FAILED`.
 *
 * @example
 * loggedModelStatusSchema.parse('LOGGED_MODEL_READY') // 'LOGGED_MODEL_READY'
 */
export const loggedModelStatusSchema = z.enum([
  'LOGGED_MODEL_STATUS_UNSPECIFIED',
  'LOGGED_MODEL_PENDING',
  'LOGGED_MODEL_READY',
  'LOGGED_MODEL_UPLOAD_FAILED',
])
protoTypes.add(loggedModelStatusSchema, { type: 'enum', numbers: LOGGED_MODEL_STATUS_NUMBERS })

/** A logged model's status name. */
export type LoggedModelStatus = z.infer<typeof loggedModelStatusSchema>

const statusByNumber = new Map<number, LoggedModelStatus>(
  Object.entries(LOGGED_MODEL_STATUS_NUMBERS).map(([name, number]) => [
    number,
    name as LoggedModelStatus,
  ]),
)

/**
 * The status a number stands for; numbers MLflow does not know read as
 * `LOGGED_MODEL_STATUS_UNSPECIFIED`, as the reference server reads them.
 *
 * @example
 * loggedModelStatusFromNumber(2) // 'LOGGED_MODEL_READY'
 * loggedModelStatusFromNumber(7) // 'LOGGED_MODEL_STATUS_UNSPECIFIED'
 */
export function loggedModelStatusFromNumber(number: number): LoggedModelStatus {
  return statusByNumber.get(number) ?? 'LOGGED_MODEL_STATUS_UNSPECIFIED'
}
