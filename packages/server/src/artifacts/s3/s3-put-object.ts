/**
 * @module s3-put-object
 * Writes a body to S3: bytes in one `PutObject`; a stream of unknown length is cut into parts
 * and sent with S3's multipart API, one part in memory at a time, or in one `PutObject` when it
 * is shorter than one part. A failed multipart upload is aborted.
 */
import type { ArtifactBody } from '../artifact-store.ts'
import { bodyChunks } from '../body/body-chunks.ts'
import { fixedSizeParts } from '../body/fixed-size-parts.ts'
import { ArtifactStoreError } from '../errors/artifact-store-error.ts'
import { toS3ArtifactError } from './s3-errors.ts'
import { objectKey, type S3StoreContext } from './s3-store-context.ts'

/** Options of {@link putS3Object}. */
export interface PutS3ObjectOptions {
  relative: string
  body: ArtifactBody
  contentType?: string
}

async function putSingle(
  context: S3StoreContext,
  key: string,
  body: Uint8Array,
  contentType: string | undefined,
): Promise<void> {
  await context.client.putObject({
    Bucket: context.bucket,
    Key: key,
    Body: body,
    ContentLength: body.length,
    ...(contentType ? { ContentType: contentType } : {}),
  })
}

async function putMultipart(
  context: S3StoreContext,
  key: string,
  parts: AsyncIterator<Uint8Array>,
  first: { part: Uint8Array | undefined },
  contentType: string | undefined,
): Promise<void> {
  const { client, bucket } = context
  const created = await client.createMultipartUpload({
    Bucket: bucket,
    Key: key,
    ...(contentType ? { ContentType: contentType } : {}),
  })
  const uploadId = created.UploadId
  if (!uploadId) {
    throw new ArtifactStoreError({ code: 'INTERNAL_ERROR', message: 'S3 returned no UploadId' })
  }
  try {
    const completed: Array<{ PartNumber: number; ETag: string }> = []
    // Taken out of the box so that only this loop holds a part while it is sent.
    let body: Uint8Array | undefined = first.part
    first.part = undefined
    let partNumber = 0
    while (true) {
      if (body === undefined) {
        const next = await parts.next()
        if (next.done) break
        body = next.value
      }
      partNumber += 1
      const { ETag } = await client.uploadPart({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        PartNumber: partNumber,
        Body: body,
        ContentLength: body.length,
      })
      completed.push({ PartNumber: partNumber, ETag: ETag ?? '' })
      body = undefined
    }
    await client.completeMultipartUpload({
      Bucket: bucket,
      Key: key,
      UploadId: uploadId,
      MultipartUpload: { Parts: completed },
    })
  } catch (error) {
    await client
      .abortMultipartUpload({ Bucket: bucket, Key: key, UploadId: uploadId })
      .catch(() => undefined)
    throw error
  }
}

async function readFirstPart(
  iterator: AsyncIterator<Uint8Array>,
): Promise<{ part: Uint8Array | undefined }> {
  const next = await iterator.next()
  return { part: next.done ? undefined : next.value }
}

/**
 * Writes the object of a checked relative path.
 *
 * @example
 * await putS3Object(context, { relative: 'model/MLmodel', body: bytes })
 */
export async function putS3Object(
  context: S3StoreContext,
  options: PutS3ObjectOptions,
): Promise<void> {
  const key = objectKey(context, options.relative)
  const { body, contentType } = options
  try {
    if (body instanceof Uint8Array) {
      await putSingle(context, key, body, contentType)
      return
    }
    const parts = fixedSizeParts({ chunks: bodyChunks(body), partSize: context.partSize })
    const iterator = parts[Symbol.asyncIterator]()
    try {
      const first = await readFirstPart(iterator)
      // No part, or a short one, means the body has ended: it fits in one PutObject.
      if (first.part === undefined || first.part.length < context.partSize) {
        await putSingle(context, key, first.part ?? new Uint8Array(0), contentType)
        return
      }
      await putMultipart(context, key, iterator, first, contentType)
    } finally {
      await iterator.return?.(undefined)
    }
  } catch (error) {
    throw toS3ArtifactError(error, { path: options.relative })
  }
}
