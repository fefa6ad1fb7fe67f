import { describe, expect, it } from 'vitest'
import type { ArtifactStore } from '../artifacts/artifact-store.ts'
import { proxiedArtifactPath, resolveArtifactLocation } from './artifact-location.ts'

describe('proxiedArtifactPath', () => {
  it.each([
    ['mlflow-artifacts:/1/abc/artifacts', '1/abc/artifacts'],
    ['mlflow-artifacts:///1/abc', '1/abc'],
    ['mlflow-artifacts://host:5000/1/abc', '1/abc'],
    ['mlflow-artifacts:/', ''],
    ['http://host:5000/api/2.0/mlflow-artifacts/artifacts/1/abc', '1/abc'],
    ['https://host/prefix/api/2.0/mlflow-artifacts/artifacts/1/abc?x=1', '1/abc'],
  ])('%s → %s', (uri, path) => {
    expect(proxiedArtifactPath(uri)).toBe(path)
  })

  it.each(['s3://bucket/1', '/srv/mlruns/1', 'file:///srv/mlruns', 'http://host/other'])(
    '%s is not proxied',
    (uri) => {
      expect(proxiedArtifactPath(uri)).toBeUndefined()
    },
  )
})

describe('resolveArtifactLocation', () => {
  const proxyStore = { close: async () => undefined } as ArtifactStore

  it('refuses proxied URIs that try to leave the destination', async () => {
    const artifacts = { proxyStore, openStore: async () => proxyStore }
    await expect(
      resolveArtifactLocation({ uri: 'mlflow-artifacts:/1/../../etc', artifacts }),
    ).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' })
  })

  it('refuses proxied URIs when the proxy is off', async () => {
    const artifacts = { proxyStore: undefined, openStore: async () => proxyStore }
    await expect(
      resolveArtifactLocation({ uri: 'mlflow-artifacts:/1', artifacts }),
    ).rejects.toMatchObject({ errorCode: 'INVALID_PARAMETER_VALUE' })
  })
})
