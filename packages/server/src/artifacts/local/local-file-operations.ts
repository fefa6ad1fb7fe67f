/**
 * @module local-file-operations
 * The local store's file operations on checked relative paths: write (atomic, streamed), read
 * (streamed), list one level, delete, exists. Every one re-checks symlink containment.
 */
import { Readable } from 'node:stream'
import { basename, dirname, join } from 'node:path'
import type { ArtifactContent, FileInfo } from '../artifact-store.ts'
import { ArtifactNotFoundError } from '../errors/artifact-not-found-error.ts'
import { ArtifactPathError } from '../errors/artifact-path-error.ts'
import { isAddressableArtifactPath } from '../safe-artifact-path.ts'
import { sortFileInfos } from '../sort-file-infos.ts'
import { isMissing, toArtifactStoreError } from './local-errors.ts'
import { RESERVED_NAME_PREFIX } from './local-file-system.ts'
import {
  absolutePath,
  ensureRoot,
  type LocalStoreContext,
  realPath,
  rootExists,
} from './local-store-context.ts'
import { writeFileAtomically } from './write-file-atomically.ts'

/** Writes a file at a checked, non-root relative path; returns its size. */
export async function writeLocalFile(
  context: LocalStoreContext,
  options: {
    relative: string
    path: string
    chunks: AsyncIterable<Uint8Array>
    onChunk?: (chunk: Uint8Array) => void
  },
): Promise<number> {
  const { relative, path } = options
  try {
    await ensureRoot(context)
    const target = absolutePath(context, relative)
    // Refuse before creating folders through a symlink, check again once they exist.
    await realPath(context, relative, path)
    await context.fs.mkdir(dirname(target), { recursive: true })
    const parent = relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : ''
    const directory = await realPath(context, parent, path)
    return await writeFileAtomically({
      fs: context.fs,
      directory,
      name: basename(target),
      chunks: options.chunks,
      generateId: context.generateId,
      ...(options.onChunk ? { onChunk: options.onChunk } : {}),
    })
  } catch (error) {
    throw toArtifactStoreError(error, relative)
  }
}

/** Opens a file at a checked relative path for streaming. */
export async function readLocalFile(
  context: LocalStoreContext,
  relative: string,
  path: string,
): Promise<ArtifactContent> {
  if (!(await rootExists(context))) throw new ArtifactNotFoundError({ path: relative })
  const real = await realPath(context, relative, path)
  let handle: Awaited<ReturnType<LocalStoreContext['fs']['open']>>
  try {
    handle = await context.fs.open(real, 'r')
  } catch (error) {
    if (isMissing(error) || (error as { code?: string }).code === 'EISDIR') {
      throw new ArtifactNotFoundError({ path: relative, cause: error })
    }
    throw toArtifactStoreError(error, relative)
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) throw new ArtifactNotFoundError({ path: relative })
    const stream = handle.createReadStream({ highWaterMark: 64 * 1024 })
    return { body: Readable.toWeb(stream) as ReadableStream<Uint8Array>, size: stat.size }
  } catch (error) {
    await handle.close().catch(() => undefined)
    throw toArtifactStoreError(error, relative)
  }
}

async function entryInfo(
  context: LocalStoreContext,
  entry: { name: string; isDirectory(): boolean; isFile(): boolean; isSymbolicLink(): boolean },
  childRelative: string,
  childAbsolute: string,
): Promise<FileInfo | undefined> {
  if (entry.isDirectory()) return { path: childRelative, isDir: true }
  if (!entry.isFile() && !entry.isSymbolicLink()) return undefined
  let target = childAbsolute
  if (entry.isSymbolicLink()) {
    try {
      target = await realPath(context, childRelative, childRelative)
    } catch (error) {
      if (ArtifactPathError.isInstance(error)) return undefined
      throw error
    }
  }
  const stat = await context.fs.stat(target).catch(() => undefined)
  if (stat?.isDirectory()) return { path: childRelative, isDir: true }
  if (stat?.isFile()) return { path: childRelative, isDir: false, fileSize: stat.size }
  return undefined
}

/**
 * Lists a folder one level deep. Hidden: the store's reserved entries, names a client could
 * not address (they fail {@link safeArtifactPath}), symlinks leading out of the root, and
 * anything that is neither a file nor a folder.
 */
export async function listLocalFolder(
  context: LocalStoreContext,
  relative: string,
  path: string,
): Promise<FileInfo[]> {
  if (!(await rootExists(context))) return []
  const real = await realPath(context, relative, path)
  let entries: Awaited<ReturnType<typeof readEntries>>
  try {
    entries = await readEntries(context, real)
  } catch (error) {
    if (isMissing(error)) return []
    throw toArtifactStoreError(error, relative)
  }
  const infos = await Promise.all(
    entries.map((entry) => {
      if (entry.name.startsWith(RESERVED_NAME_PREFIX)) return undefined
      if (!isAddressableArtifactPath(entry.name)) return undefined
      const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`
      return entryInfo(context, entry, childRelative, absolutePath(context, childRelative))
    }),
  )
  return sortFileInfos(infos.filter((info): info is FileInfo => info !== undefined))
}

function readEntries(context: LocalStoreContext, directory: string) {
  return context.fs.readdir(directory, { withFileTypes: true })
}

/** Deletes a file or folder tree at a checked, non-root relative path; missing is fine. */
export async function deleteLocalPath(
  context: LocalStoreContext,
  relative: string,
  path: string,
): Promise<void> {
  if (!(await rootExists(context))) return
  const parent = relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : ''
  // The parent must be inside the root; a symlink as the last segment is removed as a link.
  const realParent = await realPath(context, parent, path)
  try {
    await context.fs.rm(join(realParent, basename(absolutePath(context, relative))), {
      recursive: true,
      force: true,
    })
  } catch (error) {
    throw toArtifactStoreError(error, relative)
  }
}

/** Whether a file or folder exists at a checked relative path. */
export async function localPathExists(
  context: LocalStoreContext,
  relative: string,
  path: string,
): Promise<boolean> {
  if (relative === '') return true
  if (!(await rootExists(context))) return false
  const real = await realPath(context, relative, path)
  return context.fs.stat(real).then(
    () => true,
    () => false,
  )
}
