/**
 * @module artifact-proxy
 * The `mlflow-artifacts` proxy (§3.8 of the API spec): list, streamed download, streamed upload
 * and delete of files under the `--artifacts-destination` store, and multipart uploads for
 * stores that hand out presigned part URLs (S3). Every path passes `safeArtifactPath` first.
 * With `--no-serve-artifacts` every route answers MLflow's `503` text.
 */
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  deleteArtifact,
  downloadArtifact,
  listProxyArtifacts,
  MlflowError,
  MULTIPART_UPLOAD_NOT_SUPPORTED_MESSAGE,
  uploadArtifact,
} from '@dspyflow/mlflow/protocol'
import type { ArtifactStore } from '../../artifacts/artifact-store.ts'
import { ArtifactNotFoundError } from '../../artifacts/errors/artifact-not-found-error.ts'
import { ArtifactStoreError } from '../../artifacts/errors/artifact-store-error.ts'
import { safeArtifactPath } from '../../artifacts/safe-artifact-path.ts'
import { downloadHeaders } from './download-headers.ts'
import {
  defineJsonRoute,
  defineRawRoute,
  type EndpointRoute,
  jsonResponse,
  parseEndpointRequest,
} from './endpoint-route.ts'
import { listingEntry } from './listing-entry.ts'
import type { TrackingRouteServices } from './route-services.ts'
import { tracesJsonForProxyPath } from './traces-artifact.ts'

/** Answers 503 text, as MLflow does, when the server does not serve artifacts. */
function proxied(route: EndpointRoute): EndpointRoute {
  return {
    endpoint: route.endpoint,
    handle: async (context, services) => {
      if (services.artifacts.proxyStore !== undefined) return route.handle(context, services)
      return new Response(
        `Endpoint: ${route.endpoint.path} disabled due to the mlflow server running with ` +
          '`--no-serve-artifacts`. To enable artifacts server functionality, run `mlflow server` ' +
          'with `--serve-artifacts`',
        { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } },
      )
    },
  }
}

function proxyStore(services: TrackingRouteServices): ArtifactStore {
  const store = services.artifacts.proxyStore
  if (store === undefined) throw new Error('The artifact proxy is disabled')
  return store
}

function notSupported(): MlflowError {
  return new MlflowError({
    errorCode: 'NOT_IMPLEMENTED',
    message: MULTIPART_UPLOAD_NOT_SUPPORTED_MESSAGE,
  })
}

function requireUploadId(uploadId: string | undefined): string {
  if (uploadId !== undefined && uploadId !== '') return uploadId
  throw MlflowError.invalidParameterValue(
    "Missing value for required parameter 'upload_id'. See the API docs for more information " +
      'about request parameters.',
  )
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/**
 * The artifact proxy routes, to mount with `mountEndpointRoutes`.
 *
 * @example
 * mountEndpointRoutes({ app, routes: artifactProxyRoutes, services })
 */
export const artifactProxyRoutes: readonly EndpointRoute[] = [
  proxied(
    defineJsonRoute(listProxyArtifacts, async ({ path }, services) => {
      const folder = safeArtifactPath({ path: path ?? '', allowRoot: true })
      const entries = await proxyStore(services).list({ path: folder })
      return { files: entries.map((entry) => listingEntry(entry, baseName(entry.path))) }
    }),
  ),
  proxied(
    defineRawRoute(downloadArtifact, async (context, services) => {
      const { artifactPath } = await parseEndpointRequest(downloadArtifact, context, services)
      const path = safeArtifactPath({ path: artifactPath })
      const store = proxyStore(services)
      const content = await store.get({ path }).catch(async (error: unknown) => {
        if (ArtifactNotFoundError.isInstance(error) && (await store.exists({ path }))) {
          throw MlflowError.invalidParameterValue(
            `Artifact path refers to a directory, not a file: '${path}'`,
          )
        }
        // A trace whose spans live in the tracking store has no traces.json: build it.
        const traceJson = ArtifactNotFoundError.isInstance(error)
          ? await tracesJsonForProxyPath({ services, path })
          : undefined
        if (traceJson === undefined) throw error
        return { body: new Blob([traceJson]).stream(), size: traceJson.byteLength }
      })
      const headers = downloadHeaders({ fileName: baseName(path), size: content.size })
      return new Response(content.body, { status: 200, headers })
    }),
  ),
  proxied(
    defineRawRoute(uploadArtifact, async (context, services) => {
      // The body is the file: no JSON, no Content-Type rule, no size limit (as in MLflow).
      const raw = context.req.param('artifact_path') ?? ''
      const path = safeArtifactPath({ path: raw })
      if (raw.endsWith('/') || new URL(context.req.url).pathname.endsWith('/')) {
        throw MlflowError.invalidParameterValue(
          "Artifact path must include a filename (cannot end with '/').",
        )
      }
      const contentType = context.req.header('content-type')
      const body = context.req.raw.body ?? new Uint8Array()
      await proxyStore(services).put({ path, body, contentType })
      return jsonResponse(uploadArtifact, {})
    }),
  ),
  proxied(
    defineJsonRoute(deleteArtifact, async ({ artifactPath }, services) => {
      await proxyStore(services).delete({ path: safeArtifactPath({ path: artifactPath }) })
      return {}
    }),
  ),
  proxied(
    defineJsonRoute(createMultipartUpload, async (request, services) => {
      const store = proxyStore(services)
      const path = safeArtifactPath({ path: request.artifactPath })
      let result: Awaited<ReturnType<ArtifactStore['createMultipartUpload']>>
      try {
        result = await store.createMultipartUpload({ path, numParts: request.numParts ?? 1 })
      } catch (error) {
        if (ArtifactStoreError.isInstance(error) && error.code === 'NOT_IMPLEMENTED') {
          throw notSupported()
        }
        throw error
      }
      const credentials = result.credentials.flatMap(({ url, partNumber, headers }) =>
        url === undefined ? [] : [{ url, partNumber, headers }],
      )
      if (credentials.length < result.credentials.length) {
        // Parts without a URL would need an upload route MLflow's protocol does not have.
        await store.abortMultipartUpload({ path, uploadId: result.uploadId }).catch(() => {})
        throw notSupported()
      }
      return { uploadId: result.uploadId, credentials }
    }),
  ),
  proxied(
    defineJsonRoute(completeMultipartUpload, async (request, services) => {
      await proxyStore(services).completeMultipartUpload({
        path: safeArtifactPath({ path: request.artifactPath }),
        uploadId: requireUploadId(request.uploadId),
        parts: request.parts.map(({ partNumber, etag }) => ({ partNumber, etag })),
      })
      return {}
    }),
  ),
  proxied(
    defineJsonRoute(abortMultipartUpload, async (request, services) => {
      await proxyStore(services).abortMultipartUpload({
        path: safeArtifactPath({ path: request.artifactPath }),
        uploadId: requireUploadId(request.uploadId),
      })
      return {}
    }),
  ),
]
