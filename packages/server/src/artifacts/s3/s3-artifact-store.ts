/**
 * @module s3-artifact-store
 * Artifacts in an S3 (or S3-compatible) bucket under a key prefix, `s3://bucket/prefix`, like
 * MLflow's `S3ArtifactRepository`: streamed reads and writes, listing with delimiter `/` and
 * pagination, recursive deletes, and multipart uploads through S3's own multipart API. The S3
 * client is passed in ({@link S3ArtifactClient}); {@link openS3ArtifactStore} builds one.
 */
import type { ArtifactStore } from '../artifact-store.ts'
import { ArtifactStoreError } from '../errors/artifact-store-error.ts'
import { safeArtifactPath } from '../safe-artifact-path.ts'
import { parseS3Uri } from './parse-s3-uri.ts'
import type { PresignUploadPart, S3ArtifactClient } from './s3-artifact-client.ts'
import { toS3ArtifactError } from './s3-errors.ts'
import { deleteS3Path, listS3Folder, s3PathExists } from './s3-listing.ts'
import {
  abortS3MultipartUpload,
  completeS3MultipartUpload,
  createS3MultipartUpload,
  uploadS3Part,
} from './s3-multipart.ts'
import { putS3Object } from './s3-put-object.ts'
import { objectKey, type S3StoreContext } from './s3-store-context.ts'

/** S3's smallest part (all parts but the last). */
export const MIN_S3_PART_SIZE = 5 * 1024 * 1024
/** The part size of streamed `put`s unless set. */
export const DEFAULT_S3_PART_SIZE = 8 * 1024 * 1024

/** Options of {@link createS3ArtifactStore}. */
export interface CreateS3ArtifactStoreOptions {
  /** `s3://bucket` or `s3://bucket/prefix`. */
  uri: string
  /** An S3 client, e.g. `new S3({...})` from `@aws-sdk/client-s3`. */
  client: S3ArtifactClient
  /** Streamed `put`s are sent in parts of this size; ≥ 5 MiB, default 8 MiB. */
  partSize?: number
  /** Gives multipart credentials a presigned URL per part; without it they carry none. */
  presignUploadPart?: PresignUploadPart
  /** Call `client.destroy()` on `close()`; default false (the caller owns the client). */
  ownsClient?: boolean
}

/**
 * Opens an S3 bucket prefix as an {@link ArtifactStore} with the given client.
 *
 * @example
 * import { S3 } from '@aws-sdk/client-s3'
 * const client = new S3({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true })
 * const store = createS3ArtifactStore({ uri: 's3://mlflow/artifacts', client })
 * await store.put({ path: '1/abc/artifacts/notes.txt', body: new TextEncoder().encode('hi') })
 */
export function createS3ArtifactStore(options: CreateS3ArtifactStoreOptions): ArtifactStore {
  const { bucket, prefix } = parseS3Uri(options.uri)
  const partSize = options.partSize ?? DEFAULT_S3_PART_SIZE
  if (!Number.isInteger(partSize) || partSize < MIN_S3_PART_SIZE) {
    throw new ArtifactStoreError({
      code: 'INVALID_PARAMETER_VALUE',
      message: `partSize must be an integer of at least ${MIN_S3_PART_SIZE} bytes, got ${partSize}`,
    })
  }
  const context: S3StoreContext = {
    client: options.client,
    bucket,
    prefix,
    partSize,
    presignUploadPart: options.presignUploadPart,
  }
  const file = (path: string) => safeArtifactPath({ path })
  const folder = (path: string) => safeArtifactPath({ path, allowRoot: true })

  return {
    specificationVersion: 'v1',
    rootUri: prefix === '' ? `s3://${bucket}` : `s3://${bucket}/${prefix}`,

    async put({ path, body, contentType }) {
      const relative = file(path)
      await putS3Object(context, { relative, body, ...(contentType ? { contentType } : {}) })
    },
    async get({ path }) {
      const relative = file(path)
      try {
        const output = await context.client.getObject({
          Bucket: bucket,
          Key: objectKey(context, relative),
        })
        if (!output.Body)
          throw new ArtifactStoreError({ code: 'INTERNAL_ERROR', message: 'S3 returned no body' })
        return {
          body: output.Body.transformToWebStream() as ReadableStream<Uint8Array>,
          size: Number(output.ContentLength ?? 0),
          ...(output.ContentType ? { contentType: output.ContentType } : {}),
        }
      } catch (error) {
        throw toS3ArtifactError(error, { path: relative })
      }
    },
    async list(listOptions = {}) {
      return listS3Folder(context, folder(listOptions.path ?? ''))
    },
    async delete({ path }) {
      await deleteS3Path(context, file(path))
    },
    async exists({ path }) {
      return s3PathExists(context, folder(path))
    },

    async createMultipartUpload({ path, numParts, contentType }) {
      const relative = file(path)
      return createS3MultipartUpload(context, {
        relative,
        numParts,
        ...(contentType ? { contentType } : {}),
      })
    },
    async uploadPart({ path, uploadId, partNumber, body, size }) {
      const relative = file(path)
      return uploadS3Part(context, {
        relative,
        uploadId,
        partNumber,
        body,
        ...(size === undefined ? {} : { size }),
      })
    },
    async completeMultipartUpload({ path, uploadId, parts }) {
      await completeS3MultipartUpload(context, { relative: file(path), uploadId, parts })
    },
    async abortMultipartUpload({ path, uploadId }) {
      await abortS3MultipartUpload(context, { relative: file(path), uploadId })
    },

    async close() {
      if (options.ownsClient) options.client.destroy?.()
    },
  }
}
