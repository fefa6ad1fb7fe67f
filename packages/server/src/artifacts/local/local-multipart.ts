/**
 * @module local-multipart
 * Multipart uploads for the local store, through a parts folder:
 * `<root>/.artifact.uploading.multipart/<uploadId>/` holds `upload.json` (the target path) and
 * the parts, each named by its number and MD5 (`part-00001-<md5>`; the ETag is the quoted MD5,
 * as S3 answers it). Naming parts by content makes every part write one atomic rename, and lets
 * completion pick exactly the parts the client's ETags name. Completing streams them, in order,
 * into the target with an atomic write.
 */
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { ArtifactBody, CreateMultipartUploadResult, UploadedPart } from '../artifact-store.ts'
import { bodyChunks } from '../body/body-chunks.ts'
import { ArtifactNotFoundError } from '../errors/artifact-not-found-error.ts'
import { ArtifactStoreError } from '../errors/artifact-store-error.ts'
import { checkMultipartPartNumber, checkNumParts, checkPartList } from '../multipart-checks.ts'
import { isMissing, toArtifactStoreError } from './local-errors.ts'
import { writeLocalFile } from './local-file-operations.ts'
import { RESERVED_NAME_PREFIX } from './local-file-system.ts'
import { ensureRoot, type LocalStoreContext } from './local-store-context.ts'
import { writeFileAtomically } from './write-file-atomically.ts'

/** The parts folder, inside the root but hidden and unaddressable (reserved prefix). */
export const MULTIPART_FOLDER = `${RESERVED_NAME_PREFIX}multipart`

const uploadIdPattern = /^[0-9a-f]{32}$/

interface UploadRecord {
  path: string
  numParts: number
}

function uploadFolder(context: LocalStoreContext, uploadId: string): string {
  return join(context.root, MULTIPART_FOLDER, uploadId)
}

function partName(partNumber: number, md5: string): string {
  return `part-${String(partNumber).padStart(5, '0')}-${md5}`
}

/** The MD5 an ETag names (`"9b2c…"` → `9b2c…`), or undefined when it names none. */
function etagMd5(etag: unknown): string | undefined {
  if (typeof etag !== 'string') return undefined
  const md5 = etag.trim().replace(/^W\//, '').replace(/^"|"$/g, '').toLowerCase()
  return /^[0-9a-f]{32}$/.test(md5) ? md5 : undefined
}

/** Loads an upload, checking that it exists and belongs to `relative`. */
async function loadUpload(
  context: LocalStoreContext,
  relative: string,
  uploadId: string,
): Promise<string> {
  // The id becomes a folder name: only ids this store could have made are looked up.
  if (typeof uploadId !== 'string' || !uploadIdPattern.test(uploadId)) {
    throw new ArtifactNotFoundError({ path: relative, uploadId: String(uploadId) })
  }
  const folder = uploadFolder(context, uploadId)
  let record: UploadRecord
  try {
    record = JSON.parse(await context.fs.readFile(join(folder, 'upload.json'), 'utf8'))
  } catch (error) {
    if (isMissing(error)) {
      throw new ArtifactNotFoundError({ path: relative, uploadId, cause: error })
    }
    throw toArtifactStoreError(error, relative)
  }
  if (record.path !== relative) throw new ArtifactNotFoundError({ path: relative, uploadId })
  return folder
}

/** Starts an upload: records the target path; credentials carry no URL. */
export async function createLocalMultipartUpload(
  context: LocalStoreContext,
  relative: string,
  numParts: number,
): Promise<CreateMultipartUploadResult> {
  checkNumParts(numParts)
  const uploadId = context.generateId()
  if (!uploadIdPattern.test(uploadId)) {
    throw new ArtifactStoreError({
      code: 'INTERNAL_ERROR',
      message: `generateId must return 32 lowercase hex characters, got '${uploadId}'`,
    })
  }
  try {
    await ensureRoot(context)
    const folder = uploadFolder(context, uploadId)
    await context.fs.mkdir(folder, { recursive: true })
    const record: UploadRecord = { path: relative, numParts }
    await context.fs.writeFile(join(folder, 'upload.json'), JSON.stringify(record), { flag: 'wx' })
  } catch (error) {
    throw toArtifactStoreError(error, relative)
  }
  const credentials = Array.from({ length: numParts }, (_, index) => ({
    partNumber: index + 1,
    headers: {},
  }))
  return { uploadId, credentials }
}

/**
 * Stores one part atomically and returns its ETag. A part sent again is kept beside the first;
 * completion uses the one its ETag names.
 */
export async function uploadLocalPart(
  context: LocalStoreContext,
  options: { relative: string; uploadId: string; partNumber: number; body: ArtifactBody },
): Promise<UploadedPart> {
  const { relative, uploadId, partNumber } = options
  checkMultipartPartNumber(partNumber)
  const folder = await loadUpload(context, relative, uploadId)
  const hash = createHash('md5')
  let md5 = ''
  try {
    await writeFileAtomically({
      fs: context.fs,
      directory: folder,
      name: () => {
        md5 = hash.digest('hex')
        return partName(partNumber, md5)
      },
      chunks: bodyChunks(options.body),
      generateId: context.generateId,
      onChunk: (chunk) => hash.update(chunk),
    })
    return { partNumber, etag: `"${md5}"` }
  } catch (error) {
    throw toArtifactStoreError(error, relative)
  }
}

async function* concatenateParts(
  context: LocalStoreContext,
  folder: string,
  files: string[],
): AsyncGenerator<Uint8Array> {
  for (const file of files) {
    const handle = await context.fs.open(join(folder, file), 'r')
    try {
      for await (const chunk of handle.createReadStream({ highWaterMark: 1024 * 1024 })) {
        yield chunk as Uint8Array
      }
    } finally {
      await handle.close().catch(() => undefined)
    }
  }
}

/** Checks every part's ETag, writes the file from the parts in order, drops the upload. */
export async function completeLocalMultipartUpload(
  context: LocalStoreContext,
  options: { relative: string; path: string; uploadId: string; parts: UploadedPart[] },
): Promise<void> {
  const { relative, uploadId } = options
  checkPartList(options.parts)
  const folder = await loadUpload(context, relative, uploadId)
  const files: string[] = []
  for (const part of options.parts) {
    const md5 = etagMd5(part.etag)
    const file = md5 === undefined ? undefined : partName(part.partNumber, md5)
    const exists =
      file !== undefined &&
      (await context.fs.stat(join(folder, file)).then(
        (stat) => stat.isFile(),
        () => false,
      ))
    if (!file || !exists) {
      throw new ArtifactStoreError({
        code: 'INVALID_PARAMETER_VALUE',
        message:
          'One or more of the specified parts could not be found. The part may not have been ' +
          `uploaded, or the specified entity tag may not match the part's entity tag (part ${part.partNumber}).`,
      })
    }
    files.push(file)
  }
  await writeLocalFile(context, {
    relative,
    path: options.path,
    chunks: concatenateParts(context, folder, files),
  })
  await context.fs.rm(folder, { recursive: true, force: true })
}

/** Drops an upload and its parts. */
export async function abortLocalMultipartUpload(
  context: LocalStoreContext,
  relative: string,
  uploadId: string,
): Promise<void> {
  const folder = await loadUpload(context, relative, uploadId)
  await context.fs.rm(folder, { recursive: true, force: true })
}
