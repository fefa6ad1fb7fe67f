import { z } from 'zod'
import { int64Schema } from './proto-types.ts'

/**
 * Where and how to upload one part of a multipart artifact upload: a presigned `url` and the
 * headers to send with it (a map; keys are kept as they are).
 *
 * @example
 * multipartUploadCredentialSchema.parse({ url: 'https://bucket/…', partNumber: 1 }).headers // {}
 */
export const multipartUploadCredentialSchema = z.object({
  url: z.string(),
  partNumber: int64Schema,
  headers: z.record(z.string(), z.string()).default({}),
})

/** A multipart upload credential, camelCase. */
export type MultipartUploadCredential = z.infer<typeof multipartUploadCredentialSchema>

/**
 * One uploaded part, reported back to complete a multipart upload.
 *
 * @example
 * multipartUploadPartSchema.parse({ partNumber: 1, etag: '"9b2cf535f27731c974343645a3985328"' })
 */
export const multipartUploadPartSchema = z.object({
  partNumber: int64Schema,
  etag: z.string(),
  url: z.string().optional(),
})

/** An uploaded part, camelCase. */
export type MultipartUploadPart = z.infer<typeof multipartUploadPartSchema>
