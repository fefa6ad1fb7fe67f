/**
 * @module resolve-inside-root
 * Symlink containment for the local store (MLflow's `validate_path_within_directory`): the real
 * location of a path, with every symlink on the way followed, must stay inside the real root.
 */
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path'
import { ArtifactPathError } from '../errors/artifact-path-error.ts'

/** The part of `node:fs/promises` containment needs. */
export interface ContainmentFileSystem {
  realpath(path: string): Promise<string>
  lstat(path: string): Promise<{ isSymbolicLink(): boolean }>
  readlink(path: string): Promise<string>
}

/** Options of {@link resolveInsideRoot}. */
export interface ResolveInsideRootOptions {
  /** The store's root folder (must exist). */
  root: string
  /** An absolute path under `root`, as joined from a safe relative path. */
  target: string
  fs: ContainmentFileSystem
  /** What to report in the error; default `target`. */
  path?: string
}

const MAX_LINK_HOPS = 40

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

/** The real path of `target`: existing parts resolved, missing trailing parts kept as written. */
async function realLocation(target: string, fs: ContainmentFileSystem): Promise<string> {
  const missing: string[] = []
  let current = target
  let hops = 0
  while (true) {
    try {
      return join(await fs.realpath(current), ...missing)
    } catch (error) {
      if (!isMissing(error)) throw error
    }
    const isDanglingLink = await fs.lstat(current).then(
      (stat) => stat.isSymbolicLink(),
      () => false,
    )
    if (isDanglingLink && hops < MAX_LINK_HOPS) {
      hops += 1
      const link = await fs.readlink(current)
      current = isAbsolute(link) ? link : resolve(dirname(current), link)
      continue
    }
    const parent = dirname(current)
    if (parent === current) return join(current, ...missing)
    missing.unshift(basename(current))
    current = parent
  }
}

/**
 * Returns the real location of `target` (symlinks resolved, including dangling ones; parts
 * that do not exist yet appended as written) and throws {@link ArtifactPathError}
 * (`outside-root`, "Invalid path: resolved path is outside the artifact directory") when it
 * is not inside the real root.
 *
 * @example
 * // /srv/artifacts/link -> /etc
 * await resolveInsideRoot({ root: '/srv/artifacts', target: '/srv/artifacts/link/passwd', fs })
 * // throws ArtifactPathError
 */
export async function resolveInsideRoot(options: ResolveInsideRootOptions): Promise<string> {
  const realRoot = await options.fs.realpath(options.root)
  const real = await realLocation(options.target, options.fs)
  const prefix = realRoot.endsWith(sep) ? realRoot : `${realRoot}${sep}`
  if (real !== realRoot && !real.startsWith(prefix)) {
    throw new ArtifactPathError({ path: options.path ?? options.target, problem: 'outside-root' })
  }
  return real
}
