import { z } from 'zod'
import { int64Schema } from './proto-types.ts'

/**
 * An entry of an artifact listing. `fileSize` (bytes) is absent for directories. The tracking
 * listing (`artifacts/list`) gives `path` relative to the run's artifact root; the proxy listing
 * (`mlflow-artifacts/artifacts`) gives the base name only.
 *
 * @example
 * fileInfoSchema.parse({ path: 'model/MLmodel', isDir: false, fileSize: 412 })
 */
export const fileInfoSchema = z.object({
  path: z.string(),
  isDir: z.boolean().default(false),
  fileSize: int64Schema.optional(),
})

/** An artifact listing entry, camelCase. */
export type FileInfo = z.infer<typeof fileInfoSchema>
