/**
 * @module write-file-atomically
 * Streams chunks into a temporary file next to the destination, then renames it over the
 * destination: readers see the old file or the new one, never a partial one.
 */
import { join } from 'node:path'
import { type LocalArtifactFileSystem, RESERVED_NAME_PREFIX } from './local-file-system.ts'

/** Options of {@link writeFileAtomically}. */
export interface WriteFileAtomicallyOptions {
  fs: LocalArtifactFileSystem
  /** The destination folder; it must exist. */
  directory: string
  /** The file name, or a function giving it once every chunk is written (to name it by hash). */
  name: string | (() => string)
  chunks: AsyncIterable<Uint8Array>
  /** A unique suffix for the temporary file. */
  generateId: () => string
  /** Called with every chunk before it is written (to hash it, say). */
  onChunk?: (chunk: Uint8Array) => void
}

/**
 * Writes the file and returns its size in bytes. The temporary file is
 * `<directory>/.artifact.uploading.<id>` (hidden from listings) and is removed on failure.
 *
 * @example
 * await writeFileAtomically({ fs, directory: '/srv/a/model', name: 'MLmodel', chunks, generateId })
 */
export async function writeFileAtomically(options: WriteFileAtomicallyOptions): Promise<number> {
  const { fs } = options
  const temporary = join(options.directory, `${RESERVED_NAME_PREFIX}${options.generateId()}`)
  let size = 0
  const handle = await fs.open(temporary, 'wx')
  try {
    try {
      for await (const chunk of options.chunks) {
        options.onChunk?.(chunk)
        let written = 0
        while (written < chunk.length) {
          const result = await handle.write(chunk, written, chunk.length - written)
          written += result.bytesWritten
        }
        size += chunk.length
      }
    } finally {
      await handle.close()
    }
    const name = typeof options.name === 'string' ? options.name : options.name()
    await fs.rename(temporary, join(options.directory, name))
    return size
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined)
    throw error
  }
}
