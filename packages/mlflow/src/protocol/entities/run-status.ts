import { z } from 'zod'
import { protoTypes } from './proto-types.ts'

/** The proto numbers of {@link RunStatus}; requests may send either the name or the number. */
export const RUN_STATUS_NUMBERS = {
  RUNNING: 1,
  SCHEDULED: 2,
  FINISHED: 3,
  FAILED: 4,
  KILLED: 5,
} as const

/**
 * The status of a run. Any transition is allowed; clients end runs as `FINISHED`, `FAILED` or
 * `KILLED`.
 *
 * @example
 * runStatusSchema.parse('FINISHED') // 'FINISHED'
 */
export const runStatusSchema = z.enum(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'])
protoTypes.add(runStatusSchema, { type: 'enum', numbers: RUN_STATUS_NUMBERS })

/** `'RUNNING'`, `'SCHEDULED'`, `'FINISHED'`, `'FAILED'` or `'KILLED'`. */
export type RunStatus = z.infer<typeof runStatusSchema>

/**
 * Whether a status means the run has ended.
 *
 * @example
 * isTerminalRunStatus('KILLED') // true
 */
export function isTerminalRunStatus(status: RunStatus): boolean {
  return status === 'FINISHED' || status === 'FAILED' || status === 'KILLED'
}
