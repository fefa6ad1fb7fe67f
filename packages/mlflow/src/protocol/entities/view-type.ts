import { z } from 'zod'
import { protoTypes } from './proto-types.ts'

/** The proto numbers of {@link ViewType}; requests may send either the name or the number. */
export const VIEW_TYPE_NUMBERS = { ACTIVE_ONLY: 1, DELETED_ONLY: 2, ALL: 3 } as const

/**
 * Which lifecycle stages a search returns. MLflow's default is `ACTIVE_ONLY`.
 *
 * @example
 * viewTypeSchema.parse('ALL') // 'ALL'
 */
export const viewTypeSchema = z.enum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'])
protoTypes.add(viewTypeSchema, { type: 'enum', numbers: VIEW_TYPE_NUMBERS })

/** `'ACTIVE_ONLY'`, `'DELETED_ONLY'` or `'ALL'`. */
export type ViewType = z.infer<typeof viewTypeSchema>
