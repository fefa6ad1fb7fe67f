/**
 * @module s3-multipart
 * Multipart uploads through S3's own API, as MLflow's `S3ArtifactRepository` does them: the
 * upload id is S3's, each credential carries a presigned `UploadPart` URL when the store has a
 * presigner, and parts can also be sent through the store.
 */
import { Readable } from 'node:stream'
import type { ArtifactBody, CreateMultipartUploadResult, UploadedPart } from '../artifact-store.ts'
import { bodyChunks } from '../body/body-chunks.ts'
import { ArtifactStoreError } from '../errors/artifact-store-error.ts'
import { checkMultipartPartNumber, checkNumParts, checkPartList } from '../multipart-checks.ts'
import type { S3Body } from './s3-artifact-client.ts'
import { toS3ArtifactError } from './s3-errors.ts'
import { objectKey, type S3StoreContext } from './s3-store-context.ts'

/** Starts an upload of the object of a checked relative path. */
export async function createS3MultipartUpload(
  context: S3StoreContext,
  options: { relative: string; numParts: number; contentType?: string },
): Promise<CreateMultipartUploadResult> {
  checkNumParts(options.numParts)
  const key = objectKey(context, options.relative)
  try {
    const { UploadId: uploadId } = await context.client.createMultipartUpload({
      Bucket: context.bucket,
      Key: key,
      ...(options.contentType ? { ContentType: options.contentType } : {}),
    })
    if (!uploadId) {
      throw new ArtifactStoreError({ code: 'INTERNAL_ERROR', message: 'S3 returned no UploadId' })
    }
    const presign = context.presignUploadPart
    const credentials = await Promise.all(
      Array.from({ length: options.numParts }, async (_, index) => {
        const partNumber = index + 1
        const url = presign
          ? await presign({ bucket: context.bucket, key, uploadId, partNumber })
          : undefined
        return { partNumber, headers: {}, ...(url === undefined ? {} : { url }) }
      }),
    )
    return { uploadId, credentials }
  } catch (error) {
    throw toS3ArtifactError(error, { path: options.relative })
  }
}

async function collect(body: ArtifactBody): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body
  const chunks: Uint8Array[] = []
  for await (const chunk of bodyChunks(body)) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/** The body of one part: streamed when its size is known, else collected (S3 needs a length). */
async function partBody(body: ArtifactBody, size: number | undefined): Promise<[S3Body, number]> {
  if (body instanceof Uint8Array || size === undefined) {
    const bytes = await collect(body)
    return [bytes, bytes.length]
  }
  return [Readable.from(bodyChunks(body)), size]
}

/** Sends one part and returns S3's ETag. */
export async function uploadS3Part(
  context: S3StoreContext,
  options: {
    relative: string
    uploadId: string
    partNumber: number
    body: ArtifactBody
    size?: number
  },
): Promise<UploadedPart> {
  checkMultipartPartNumber(options.partNumber)
  const { relative, uploadId, partNumber } = options
  try {
    const [body, length] = await partBody(options.body, options.size)
    const { ETag } = await context.client.uploadPart({
      Bucket: context.bucket,
      Key: objectKey(context, relative),
      UploadId: uploadId,
      PartNumber: partNumber,
      Body: body,
      ContentLength: length,
    })
    return { partNumber, etag: ETag ?? '' }
  } catch (error) {
    throw toS3ArtifactError(error, { path: relative, uploadId })
  }
}

/** Joins the parts into the object. */
export async function completeS3MultipartUpload(
  context: S3StoreContext,
  options: { relative: string; uploadId: string; parts: UploadedPart[] },
): Promise<void> {
  checkPartList(options.parts)
  const { relative, uploadId } = options
  try {
    await context.client.completeMultipartUpload({
      Bucket: context.bucket,
      Key: objectKey(context, relative),
      UploadId: uploadId,
      MultipartUpload: {
        Parts: options.parts.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })),
      },
    })
  } catch (error) {
    throw toS3ArtifactError(error, { path: relative, uploadId })
  }
}

/** Drops an unfinished upload. */
export async function abortS3MultipartUpload(
  context: S3StoreContext,
  options: { relative: string; uploadId: string },
): Promise<void> {
  const { relative, uploadId } = options
  try {
    await context.client.abortMultipartUpload({
      Bucket: context.bucket,
      Key: objectKey(context, relative),
      UploadId: uploadId,
    })
  } catch (error) {
    throw toS3ArtifactError(error, { path: relative, uploadId })
  }
}
