/**
 * The real command line, end to end: spawns `bin/dspyflow.mjs server`, logs a run over HTTP,
 * fetches the UI page, and stops the server with SIGTERM while an upload is in flight.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFile, rm, mkdtemp } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createExperiment, createRun, getRun } from '@dspyflow/mlflow/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../testing/free-port.ts'

const bin = fileURLToPath(new URL('../../bin/dspyflow.mjs', import.meta.url))

async function waitForHealth(base: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output()}`)
    const ok = await fetch(`${base}/health`).then(
      (response) => response.status === 200,
      () => false,
    )
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`server did not start: ${output()}`)
}

let folder: string
let child: ChildProcess
let base: string
let output = ''

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'dspyflow-cli-'))
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  child = spawn(
    process.execPath,
    [
      bin,
      'server',
      '--port',
      String(port),
      '--backend-store-uri',
      `sqlite:///${join(folder, 'x.db')}`,
      '--artifacts-destination',
      join(folder, 'a'),
    ],
    { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  await waitForHealth(base, child, () => output)
}, 30_000)

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL')
  await rm(folder, { recursive: true, force: true })
})

// biome-ignore lint/suspicious/noExplicitAny: raw wire JSON, checked by the assertions
type Json = any

async function post(path: string, body: object): Promise<Json> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(response.status, await response.clone().text()).toBe(200)
  return response.json()
}

describe('dspyflow server (spawned)', () => {
  let runId: string

  it('logs a run with metrics over HTTP', async () => {
    const { experiment_id: experimentId } = await post(createExperiment.path, { name: 'cli' })
    const { run } = await post(createRun.path, { experiment_id: experimentId, run_name: 'r' })
    runId = run.info.run_id
    for (const step of [0, 1, 2]) {
      await post('/api/2.0/mlflow/runs/log-metric', {
        run_id: runId,
        key: 'score',
        value: step / 2,
        timestamp: Date.now(),
        step,
      })
    }
    const response = await fetch(`${base}${getRun.path}?run_id=${runId}`)
    const body: Json = await response.json()
    expect(body.run.data.metrics).toEqual([
      expect.objectContaining({ key: 'score', value: 1, step: 2 }),
    ])
  })

  it('serves the UI page at /', async () => {
    const response = await fetch(`${base}/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
    expect(await response.text()).toContain('dspyflow tracking server')
  })

  it('finishes an in-flight request on SIGTERM, then exits 0', async () => {
    const path = `/api/2.0/mlflow-artifacts/artifacts/1/${runId}/artifacts/slow.txt`
    const upload = httpRequest(`${base}${path}`, { method: 'PUT' })
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      upload.on('response', (response) => {
        let body = ''
        response.on('data', (chunk) => {
          body += chunk
        })
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
      })
      upload.on('error', reject)
    })
    upload.write('first half, ')
    await new Promise((resolve) => setTimeout(resolve, 300))
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(child.exitCode).toBeNull()
    upload.end('second half')
    expect(await answered).toEqual({ status: 200, body: '{}' })
    const [code] = await exited
    expect(code, output).toBe(0)
    const stored = await readFile(join(folder, 'a', '1', runId, 'artifacts', 'slow.txt'), 'utf8')
    expect(stored).toBe('first half, second half')
    const events = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line).event)
    expect(events).toEqual(
      expect.arrayContaining(['migration', 'server-start', 'request', 'signal', 'server-stopped']),
    )
  })
})
