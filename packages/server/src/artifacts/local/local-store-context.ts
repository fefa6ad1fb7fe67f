/**
 * @module local-store-context
 * What the local store's operations share: the root folder, the file system, the id source, and
 * the checks every path goes through before it touches the disk.
 */
import { join } from 'node:path'
import { ArtifactPathError } from '../errors/artifact-path-error.ts'
import { safeArtifactPath } from '../safe-artifact-path.ts'
import { type LocalArtifactFileSystem, RESERVED_NAME_PREFIX } from './local-file-system.ts'
import { resolveInsideRoot } from './resolve-inside-root.ts'

/** The local store's dependencies. */
export interface LocalStoreContext {
  /** Absolute root folder. */
  root: string
  fs: LocalArtifactFileSystem
  /** 32 lowercase hex characters (multipart upload ids, temporary file names). */
  generateId: () => string
}

/**
 * A path checked by {@link safeArtifactPath} that names none of the store's reserved entries,
 * relative (`''` for the root when allowed).
 */
export function checkLocalPath(path: string, options: { allowRoot?: boolean } = {}): string {
  const relative = safeArtifactPath({ path, allowRoot: options.allowRoot === true })
  if (relative.split('/').some((segment) => segment.startsWith(RESERVED_NAME_PREFIX))) {
    throw new ArtifactPathError({ path, problem: 'reserved-name' })
  }
  return relative
}

/** The absolute path of a checked relative path. */
export function absolutePath(context: LocalStoreContext, relative: string): string {
  return relative === '' ? context.root : join(context.root, ...relative.split('/'))
}

/** Creates the root folder when it is missing. */
export async function ensureRoot(context: LocalStoreContext): Promise<void> {
  await context.fs.mkdir(context.root, { recursive: true })
}

/** Whether the root folder exists. */
export async function rootExists(context: LocalStoreContext): Promise<boolean> {
  return context.fs.stat(context.root).then(
    (stat) => stat.isDirectory(),
    () => false,
  )
}

/**
 * The real location of a checked relative path, refusing symlink escapes (see
 * {@link resolveInsideRoot}). The root must exist.
 */
export function realPath(
  context: LocalStoreContext,
  relative: string,
  path: string,
): Promise<string> {
  return resolveInsideRoot({
    root: context.root,
    target: absolutePath(context, relative),
    fs: context.fs,
    path,
  })
}
