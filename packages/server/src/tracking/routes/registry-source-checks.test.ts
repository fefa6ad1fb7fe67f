import { mkdir, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import {
  createExperiment,
  createModelVersion,
  createRegisteredModel,
  createRun,
} from '@dspyflow/mlflow/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  callEndpoint,
  createTrackingTestServer,
  expectError,
  expectResponse,
  type TrackingTestServer,
} from '../testing/tracking-test-server.ts'
import { checkHostAddressedScheme, checkNoRelativePaths } from './registry-source-checks.ts'
import { decodeUntilStable, isLocalUri, isUriWithinRoot } from './registry-source-uris.ts'

describe('source URI reading', () => {
  it('decodes until stable and tells local from remote URIs', () => {
    expect(decodeUntilStable({ text: 'a/%25252e%25252e/b' })).toBe('a/../b')
    expect(decodeUntilStable({ text: 'a+b%2B', plus: true })).toBe('a b ')
    expect(isLocalUri('relative/path')).toBe(true)
    expect(isLocalUri('file:///tmp/x')).toBe(true)
    expect(isLocalUri('file://localhost/tmp/x')).toBe(true)
    expect(isLocalUri('s3://bucket/x')).toBe(false)
    expect(() => isLocalUri('file://evil.example.com/etc')).toThrow(/not a valid remote uri/)
    expect(
      isUriWithinRoot('mlflow-artifacts:/1/r/artifacts/m', 'mlflow-artifacts:/1/r/artifacts'),
    ).toBe(true)
    expect(
      isUriWithinRoot('mlflow-artifacts:/1/r/artifactsx', 'mlflow-artifacts:/1/r/artifacts'),
    ).toBe(false)
    expect(
      isUriWithinRoot('mlflow-artifacts:/1/r/%61rtifacts/m', 'mlflow-artifacts:/1/r/artifacts'),
    ).toBe(true)
  })

  it('rejects traversal and host-addressed schemes', () => {
    for (const source of [
      's3://b/../x',
      's3://b/%2e%2e/x',
      's3://b/./x',
      's3://b',
      's3:x',
      'gs://b/a%00b',
    ]) {
      expect(() => checkNoRelativePaths(source), source).toThrow(/Invalid model version source/)
    }
    for (const source of ['s3://b/x', 's3://b//x/', 'gs://bucket/a+b']) {
      expect(() => checkNoRelativePaths(source), source).not.toThrow()
    }
    for (const uri of ['https://h/x', 'ftp://h/x', 'hdfs:/x', 'mlflow-artifacts://h/x']) {
      expect(() => checkHostAddressedScheme({ uri, fieldName: 'source' }), uri).toThrow(
        /cannot use/,
      )
    }
    expect(() =>
      checkHostAddressedScheme({ uri: 'mlflow-artifacts:/1/x', fieldName: 'source' }),
    ).not.toThrow()
  })
})

describe('local sources', () => {
  let server: TrackingTestServer
  let artifactUri: string
  let runId: string
  beforeEach(async () => {
    server = await createTrackingTestServer()
    const { experimentId } = await expectResponse(
      createExperiment,
      await callEndpoint(server.app, createExperiment, {
        name: 'local',
        artifact_location: join(server.scratch, 'store'),
      }),
    )
    const { run } = await expectResponse(
      createRun,
      await callEndpoint(server.app, createRun, { experiment_id: experimentId }),
    )
    runId = run.info.runId
    artifactUri = run.info.artifactUri
    await mkdir(join(artifactUri, 'model'), { recursive: true })
    await mkdir(join(server.scratch, 'outside'))
    await symlink(join(server.scratch, 'outside'), join(artifactUri, 'escape'))
    await callEndpoint(server.app, createRegisteredModel, { name: 'local' })
  })
  afterEach(() => server.close())

  const register = (source: string, extra: Record<string, unknown> = {}) =>
    callEndpoint(server.app, createModelVersion, { name: 'local', source, ...extra } as never)

  it('accepts paths inside the run artifact folder only, symlinks resolved', async () => {
    await expectResponse(
      createModelVersion,
      await register(join(artifactUri, 'model'), { run_id: runId }),
    )
    await expectResponse(
      createModelVersion,
      await register(`file://${artifactUri}/model`, { run_id: runId }),
    )
    for (const [source, extra] of [
      [join(artifactUri, 'model'), {}],
      [join(artifactUri, 'escape', 'secret'), { run_id: runId }],
      [`${artifactUri}/../other`, { run_id: runId }],
      [join(server.scratch, 'outside'), { run_id: runId }],
      ['relative/model', { run_id: runId }],
    ] as const) {
      await expectError(await register(source, extra), 400, 'INVALID_PARAMETER_VALUE')
    }
  })
})
