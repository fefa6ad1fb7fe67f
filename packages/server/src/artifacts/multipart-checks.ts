/**
 * @module multipart-checks
 * The argument rules of multipart uploads that every store applies the same way (S3's limits).
 */
import type { UploadedPart } from './artifact-store.ts'
import { ArtifactStoreError } from './errors/artifact-store-error.ts'

/** S3's limit on the number of parts of one upload. */
export const MAX_MULTIPART_PARTS = 10_000

function invalid(message: string): never {
  throw new ArtifactStoreError({ code: 'INVALID_PARAMETER_VALUE', message })
}

/**
 * Refuses a part count outside 1..10000.
 *
 * @example
 * checkNumParts(3) // ok
 */
export function checkNumParts(numParts: number): void {
  if (!Number.isInteger(numParts) || numParts < 1 || numParts > MAX_MULTIPART_PARTS) {
    invalid(`num_parts must be an integer between 1 and ${MAX_MULTIPART_PARTS}, got ${numParts}`)
  }
}

/**
 * Refuses a part number outside 1..10000.
 *
 * @example
 * checkMultipartPartNumber(1) // ok
 */
export function checkMultipartPartNumber(partNumber: number): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_MULTIPART_PARTS) {
    invalid(
      `part_number must be an integer between 1 and ${MAX_MULTIPART_PARTS}, got ${partNumber}`,
    )
  }
}

/**
 * Refuses an empty part list, or one that is not in strictly ascending part-number order (S3's
 * `InvalidPartOrder`).
 *
 * @example
 * checkPartList([{ partNumber: 1, etag: '"a"' }, { partNumber: 2, etag: '"b"' }]) // ok
 */
export function checkPartList(parts: UploadedPart[]): void {
  if (!Array.isArray(parts) || parts.length === 0) invalid('parts must list at least one part')
  let previous = 0
  for (const part of parts) {
    checkMultipartPartNumber(part.partNumber)
    if (part.partNumber <= previous) {
      invalid('The list of parts was not in ascending order. Parts must be ordered by part number.')
    }
    if (typeof part.etag !== 'string' || part.etag === '') invalid('every part needs its etag')
    previous = part.partNumber
  }
}
