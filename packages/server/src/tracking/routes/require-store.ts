/**
 * @module require-store
 * Routes of a store the app was built without (an app over a tracking store alone) answer
 * `404 ENDPOINT_NOT_FOUND`, which the official clients read as "route unknown" and fall back from.
 */
import { HTTPException } from 'hono/http-exception'

/**
 * The store, or a 404 `ENDPOINT_NOT_FOUND` when the app has none.
 *
 * @example
 * const registryStore = requireStore(services.registryStore, 'model registry')
 */
export function requireStore<Store>(store: Store | undefined, what: string): Store {
  if (store === undefined) {
    throw new HTTPException(404, { message: `This server was started without a ${what} store.` })
  }
  return store
}
