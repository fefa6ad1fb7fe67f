/**
 * @module local-artifact-store
 * The default artifact store: a folder on the server (`--artifacts-destination ./mlartifacts`).
 * Streaming reads and writes, atomic writes (temporary file + rename), multipart uploads through
 * a hidden parts folder, and symlink containment on every access.
 */
import { randomUUID } from 'node:crypto'
import * as nodeFs from 'node:fs/promises'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ArtifactStore } from '../artifact-store.ts'
import { bodyChunks } from '../body/body-chunks.ts'
import {
  deleteLocalPath,
  listLocalFolder,
  localPathExists,
  readLocalFile,
  writeLocalFile,
} from './local-file-operations.ts'
import type { LocalArtifactFileSystem } from './local-file-system.ts'
import {
  abortLocalMultipartUpload,
  completeLocalMultipartUpload,
  createLocalMultipartUpload,
  uploadLocalPart,
} from './local-multipart.ts'
import { checkLocalPath, type LocalStoreContext } from './local-store-context.ts'

/** Options of {@link createLocalArtifactStore}. */
export interface CreateLocalArtifactStoreOptions {
  /** The root folder, absolute or relative to the working directory; created on first write. */
  root: string
  /** Default: `node:fs/promises`. */
  fs?: LocalArtifactFileSystem
  /** Ids of multipart uploads and temporary files: 32 lowercase hex; default a random UUID. */
  generateId?: () => string
}

/**
 * Opens a local folder as an {@link ArtifactStore}.
 *
 * @example
 * const store = createLocalArtifactStore({ root: './mlartifacts' })
 * await store.put({ path: '0/abc/artifacts/notes.txt', body: new TextEncoder().encode('hi') })
 * await store.list({ path: '0/abc/artifacts' })
 * // [{ path: '0/abc/artifacts/notes.txt', isDir: false, fileSize: 2 }]
 */
export function createLocalArtifactStore(options: CreateLocalArtifactStoreOptions): ArtifactStore {
  const root = resolve(options.root)
  const context: LocalStoreContext = {
    root,
    fs: options.fs ?? nodeFs,
    generateId: options.generateId ?? (() => randomUUID().replaceAll('-', '')),
  }
  return {
    specificationVersion: 'v1',
    rootUri: pathToFileURL(root).href,

    async put({ path, body }) {
      const relative = checkLocalPath(path)
      await writeLocalFile(context, { relative, path, chunks: bodyChunks(body) })
    },
    async get({ path }) {
      return readLocalFile(context, checkLocalPath(path), path)
    },
    async list(listOptions = {}) {
      const path = listOptions.path ?? ''
      return listLocalFolder(context, checkLocalPath(path, { allowRoot: true }), path)
    },
    async delete({ path }) {
      await deleteLocalPath(context, checkLocalPath(path), path)
    },
    async exists({ path }) {
      return localPathExists(context, checkLocalPath(path, { allowRoot: true }), path)
    },

    async createMultipartUpload({ path, numParts }) {
      return createLocalMultipartUpload(context, checkLocalPath(path), numParts)
    },
    async uploadPart({ path, uploadId, partNumber, body }) {
      const relative = checkLocalPath(path)
      return uploadLocalPart(context, { relative, uploadId, partNumber, body })
    },
    async completeMultipartUpload({ path, uploadId, parts }) {
      const relative = checkLocalPath(path)
      await completeLocalMultipartUpload(context, { relative, path, uploadId, parts })
    },
    async abortMultipartUpload({ path, uploadId }) {
      await abortLocalMultipartUpload(context, checkLocalPath(path), uploadId)
    },

    async close() {},
  }
}
