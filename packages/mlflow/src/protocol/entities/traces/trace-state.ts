/**
 * @module trace-state
 * The state of a v3 trace and the status of a legacy v2 trace (same numbers, other names).
 */
import { z } from 'zod'
import { protoTypes } from '../proto-types.ts'

/** The proto numbers of {@link TraceState}. */
export const TRACE_STATE_NUMBERS = {
  STATE_UNSPECIFIED: 0,
  OK: 1,
  ERROR: 2,
  IN_PROGRESS: 3,
} as const

/**
 * `TraceInfoV3.state`: `OK` or `ERROR` once the root span ended, `IN_PROGRESS` while spans are
 * still arriving.
 *
 * @example
 * traceStateSchema.parse('OK')
 */
export const traceStateSchema = z.enum(['STATE_UNSPECIFIED', 'OK', 'ERROR', 'IN_PROGRESS'])
protoTypes.add(traceStateSchema, { type: 'enum', numbers: TRACE_STATE_NUMBERS })

/** `'STATE_UNSPECIFIED'`, `'OK'`, `'ERROR'` or `'IN_PROGRESS'`. */
export type TraceState = z.infer<typeof traceStateSchema>

/** The proto numbers of {@link TraceStatus}. */
export const TRACE_STATUS_NUMBERS = {
  TRACE_STATUS_UNSPECIFIED: 0,
  OK: 1,
  ERROR: 2,
  IN_PROGRESS: 3,
} as const

/**
 * The legacy v2 `TraceInfo.status`.
 *
 * @example
 * traceStatusSchema.parse('IN_PROGRESS')
 */
export const traceStatusSchema = z.enum(['TRACE_STATUS_UNSPECIFIED', 'OK', 'ERROR', 'IN_PROGRESS'])
protoTypes.add(traceStatusSchema, { type: 'enum', numbers: TRACE_STATUS_NUMBERS })

/** `'TRACE_STATUS_UNSPECIFIED'`, `'OK'`, `'ERROR'` or `'IN_PROGRESS'`. */
export type TraceStatus = z.infer<typeof traceStatusSchema>

/**
 * The v2 status of a v3 state (they differ only in the unspecified name).
 *
 * @example
 * traceStateToStatus('STATE_UNSPECIFIED') // 'TRACE_STATUS_UNSPECIFIED'
 */
export function traceStateToStatus(state: TraceState): TraceStatus {
  return state === 'STATE_UNSPECIFIED' ? 'TRACE_STATUS_UNSPECIFIED' : state
}

/**
 * The v3 state of a v2 status.
 *
 * @example
 * traceStatusToState('OK') // 'OK'
 */
export function traceStatusToState(status: TraceStatus): TraceState {
  return status === 'TRACE_STATUS_UNSPECIFIED' ? 'STATE_UNSPECIFIED' : status
}
