/**
 * @module static-files
 * Serves the web UI's build folder: `/` is its `index.html`, other paths (also under MLflow's
 * `/static-files/`) are files inside the folder. Paths that could leave the folder are not
 * served. Hashed assets under `assets/` are cached for a year, everything else revalidated.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'
import { Readable } from 'node:stream'
import { safeArtifactPath } from '../../artifacts/safe-artifact-path.ts'

const contentTypes: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  map: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  ico: 'image/x-icon',
  webp: 'image/webp',
  woff: 'font/woff',
  woff2: 'font/woff2',
  txt: 'text/plain; charset=utf-8',
}

/** Options of {@link serveStaticFile}. */
export interface ServeStaticFileOptions {
  /** The build folder. */
  staticDir: string
  /** The URL path below the static prefix, e.g. `/` or `/static-files/assets/app-3f9a.js`. */
  path: string
}

/**
 * The file's response, or `undefined` when there is no such file (or the path is unsafe).
 *
 * @example
 * const response = await serveStaticFile({ staticDir: 'packages/web/dist', path: '/' })
 */
export async function serveStaticFile(
  options: ServeStaticFileOptions,
): Promise<Response | undefined> {
  let relative: string
  try {
    relative = safeArtifactPath({
      path: options.path.replace(/^\/static-files(?=\/|$)/, '').replace(/^\/+/, ''),
      allowRoot: true,
    })
  } catch {
    return undefined
  }
  if (relative === '') relative = 'index.html'
  const root = resolve(options.staticDir)
  const file = join(root, relative)
  if (!file.startsWith(root + sep)) return undefined
  const info = await stat(file).catch(() => undefined)
  if (info === undefined || !info.isFile()) return undefined
  const extension = relative.slice(relative.lastIndexOf('.') + 1).toLowerCase()
  const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>
  return new Response(body, {
    headers: {
      'content-type': contentTypes[extension] ?? 'application/octet-stream',
      'content-length': String(info.size),
      'cache-control': relative.startsWith('assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    },
  })
}
