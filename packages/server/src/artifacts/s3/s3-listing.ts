/**
 * @module s3-listing
 * Listing, recursive deletion and existence checks on S3, the way MLflow's `S3ArtifactRepository`
 * does them: `ListObjectsV2` with delimiter `/` and pagination, directory markers skipped, and
 * deletion of a key plus everything under `key/` (never a sibling sharing a name prefix).
 */
import type { FileInfo } from '../artifact-store.ts'
import { ArtifactStoreError } from '../errors/artifact-store-error.ts'
import { isAddressableArtifactPath } from '../safe-artifact-path.ts'
import { sortFileInfos } from '../sort-file-infos.ts'
import type { S3ListObjectsV2Output } from './s3-artifact-client.ts'
import { isS3NotFound, toS3ArtifactError } from './s3-errors.ts'
import {
  folderKeyPrefix,
  objectKey,
  relativePathOf,
  type S3StoreContext,
} from './s3-store-context.ts'

/** Every page of a listing. */
async function* listPages(
  context: S3StoreContext,
  options: { prefix: string; delimiter?: string },
): AsyncGenerator<S3ListObjectsV2Output> {
  let continuationToken: string | undefined
  do {
    const page = await context.client.listObjectsV2({
      Bucket: context.bucket,
      Prefix: options.prefix,
      ...(options.delimiter ? { Delimiter: options.delimiter } : {}),
      ...(continuationToken ? { ContinuationToken: continuationToken } : {}),
    })
    yield page
    continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (continuationToken)
}

/** Lists the folder of a checked relative path one level deep, sorted. */
export async function listS3Folder(context: S3StoreContext, relative: string): Promise<FileInfo[]> {
  const prefix = folderKeyPrefix(context, relative)
  const infos: FileInfo[] = []
  try {
    for await (const page of listPages(context, { prefix, delimiter: '/' })) {
      for (const common of page.CommonPrefixes ?? []) {
        if (!common.Prefix) continue
        const path = relativePathOf(context, common.Prefix).replace(/\/$/, '')
        if (isAddressableArtifactPath(path)) infos.push({ path, isDir: true })
      }
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue
        // Directory markers (`folder/`, empty), the listed folder's own one included.
        if (object.Key.endsWith('/')) continue
        const path = relativePathOf(context, object.Key)
        if (isAddressableArtifactPath(path)) {
          infos.push({ path, isDir: false, fileSize: Number(object.Size ?? 0) })
        }
      }
    }
  } catch (error) {
    throw toS3ArtifactError(error, { path: relative })
  }
  return sortFileInfos(infos)
}

/** Deletes the object of a checked relative path and everything under it as a folder. */
export async function deleteS3Path(context: S3StoreContext, relative: string): Promise<void> {
  const key = objectKey(context, relative)
  try {
    for await (const page of listPages(context, { prefix: key })) {
      const keys = (page.Contents ?? [])
        .map((object) => object.Key)
        .filter((candidate): candidate is string => {
          return candidate !== undefined && (candidate === key || candidate.startsWith(`${key}/`))
        })
      if (keys.length === 0) continue
      const result = await context.client.deleteObjects({
        Bucket: context.bucket,
        Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
      })
      if (result.Errors && result.Errors.length > 0) {
        const first = result.Errors[0]!
        throw new ArtifactStoreError({
          code: 'INTERNAL_ERROR',
          message: `Failed to delete ${result.Errors.length} object(s) under '${relative}', e.g. '${first.Key}': ${first.Code} ${first.Message}`,
        })
      }
    }
  } catch (error) {
    throw toS3ArtifactError(error, { path: relative })
  }
}

/** Whether an object, or any object under it as a folder, exists. */
export async function s3PathExists(context: S3StoreContext, relative: string): Promise<boolean> {
  if (relative === '') return true
  const key = objectKey(context, relative)
  try {
    await context.client.headObject({ Bucket: context.bucket, Key: key })
    return true
  } catch (error) {
    if (!isS3NotFound(error)) throw toS3ArtifactError(error, { path: relative })
  }
  try {
    const page = await context.client.listObjectsV2({
      Bucket: context.bucket,
      Prefix: `${key}/`,
      MaxKeys: 1,
    })
    return (page.KeyCount ?? page.Contents?.length ?? 0) > 0
  } catch (error) {
    throw toS3ArtifactError(error, { path: relative })
  }
}
