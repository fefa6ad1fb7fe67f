import { z } from 'zod'

/**
 * A dataset a run used, identified within its experiment by `(name, digest)`. `source`,
 * `schema` and `profile` are JSON held in strings, as the Python client writes them
 * (`source_type` is e.g. `local`, `http`, `s3`, `hugging_face`, `code`).
 *
 * @example
 * datasetSchema.parse({
 *   name: 'gsm8k-train',
 *   digest: '1a2b3c4d',
 *   sourceType: 'code',
 *   source: '{"tags": {}}',
 *   profile: '{"num_rows": 200}',
 * })
 */
export const datasetSchema = z.object({
  name: z.string(),
  digest: z.string(),
  sourceType: z.string(),
  source: z.string(),
  schema: z.string().optional(),
  profile: z.string().optional(),
})

/** A run-input dataset, camelCase. */
export type Dataset = z.infer<typeof datasetSchema>
