/**
 * @module mount-ui
 * `GET /` and the web UI's static files; without a build folder, a small built-in page.
 */
import type { Hono } from 'hono'
import { builtinPageHtml } from './builtin-page.ts'
import { serveStaticFile } from './static-files.ts'

/** Options of {@link mountUi}. */
export interface MountUiOptions {
  /** The app, already based at the static prefix. */
  app: Hono
  /** The web UI build folder; absent → the built-in page. */
  staticDir?: string
  /** The static prefix (`''` when none), for the built-in page's API calls. */
  staticPrefix: string
}

/**
 * Registers the UI routes. Mount them after the API routes: unknown files fall through to the
 * 404 handler.
 *
 * @example
 * mountUi({ app, staticDir: 'packages/web/dist', staticPrefix: '' })
 */
export function mountUi(options: MountUiOptions): void {
  const { app, staticDir, staticPrefix } = options
  if (staticDir === undefined) {
    const html = builtinPageHtml({ apiBase: staticPrefix })
    app.get('/', (context) => context.html(html))
    return
  }
  app.get('/*', async (context, next) => {
    const path = context.req.path.slice(staticPrefix.length) || '/'
    const response = await serveStaticFile({ staticDir, path })
    if (response !== undefined) return response
    await next()
  })
}
