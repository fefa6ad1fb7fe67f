/**
 * @module listing-entry
 * Artifact listing entries as MLflow answers them: `FileInfo.to_proto()` sets `file_size` only
 * when it is truthy, so empty files, like folders, come without a size.
 */
import type { FileInfo } from '@dspyflow/mlflow/protocol'

/**
 * The entry with `path` replaced and a zero size left out.
 *
 * @example
 * listingEntry({ path: '1/r/artifacts/empty.txt', isDir: false, fileSize: 0 }, 'empty.txt')
 * // { path: 'empty.txt', isDir: false }
 */
export function listingEntry(entry: FileInfo, path: string): FileInfo {
  return entry.fileSize
    ? { path, isDir: entry.isDir, fileSize: entry.fileSize }
    : { path, isDir: entry.isDir }
}
