import { z } from 'zod'

/**
 * The JSON body of an MLflow error response. MLflow 3.x also sends `sqlstate` and
 * `error_class`; the scoring server adds `stack_trace`; other keys are kept.
 *
 * @example
 * errorBodySchema.parse({
 *   error_code: 'RESOURCE_DOES_NOT_EXIST',
 *   message: 'No Experiment with id=99 exists',
 * })
 */
export const errorBodySchema = z.looseObject({
  error_code: z.string(),
  message: z.string().default(''),
  sqlstate: z.string().optional(),
  error_class: z.string().optional(),
  stack_trace: z.string().optional(),
})

/** An MLflow error body, snake_case as on the wire. */
export type ErrorBody = z.infer<typeof errorBodySchema>
