/**
 * @module s3-store-context
 * What the S3 store's operations share: the client, the bucket, the key prefix, and how a
 * relative artifact path becomes a key and back.
 */
import { ArtifactStoreError } from '../errors/artifact-store-error.ts'
import type { PresignUploadPart, S3ArtifactClient } from './s3-artifact-client.ts'

/** The S3 store's dependencies and settings. */
export interface S3StoreContext {
  client: S3ArtifactClient
  bucket: string
  /** Key prefix without leading or trailing slash; `''` for the bucket root. */
  prefix: string
  /** Size of the parts a streamed `put` is cut into. */
  partSize: number
  presignUploadPart: PresignUploadPart | undefined
}

/** The object key of a checked relative path (`''` → the prefix itself). */
export function objectKey(context: S3StoreContext, relative: string): string {
  if (context.prefix === '') return relative
  return relative === '' ? context.prefix : `${context.prefix}/${relative}`
}

/** The key prefix of everything inside a folder (`''` for the bucket root). */
export function folderKeyPrefix(context: S3StoreContext, relative: string): string {
  const key = objectKey(context, relative)
  return key === '' ? '' : `${key}/`
}

/** The relative artifact path of a key under the store's prefix (MLflow checks the same). */
export function relativePathOf(context: S3StoreContext, key: string): string {
  const rootPrefix = folderKeyPrefix(context, '')
  if (!key.startsWith(rootPrefix)) {
    throw new ArtifactStoreError({
      code: 'INTERNAL_ERROR',
      message:
        'The path of the listed S3 object does not begin with the specified artifact path. ' +
        `Artifact path: ${context.prefix}. Object path: ${key}.`,
    })
  }
  return key.slice(rootPrefix.length)
}
