/**
 * Time from spawning `dspyflow server` (a fresh SQLite file, migrations included) to the first
 * `/health` answer and to the first page at `/`. Prints one JSON line.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}

async function once(): Promise<{ healthMs: number; pageMs: number }> {
  const folder = mkdtempSync(join(tmpdir(), 'dspyflow-startup-'))
  const port = await freePort()
  const start = performance.now()
  const child = spawn(
    process.execPath,
    [
      join(root, 'packages/server/bin/dspyflow.mjs'),
      'server',
      '--port',
      String(port),
      '--backend-store-uri',
      `sqlite:///${join(folder, 'mlflow.db')}`,
      '--artifacts-destination',
      join(folder, 'artifacts'),
    ],
    { stdio: 'ignore' },
  )
  try {
    const deadline = start + 20_000
    while (performance.now() < deadline) {
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
        (response) => response.ok,
        () => false,
      )
      if (ok) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const healthMs = performance.now() - start
    const page = await fetch(`http://127.0.0.1:${port}/`)
    if (!page.ok || !(await page.text()).includes('<html')) throw new Error('no page at /')
    return { healthMs, pageMs: performance.now() - start }
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
    rmSync(folder, { recursive: true, force: true })
  }
}

const runs = []
for (let index = 0; index < 5; index += 1) runs.push(await once())
const sorted = runs.map((run) => run.pageMs).sort((a, b) => a - b)
console.log(JSON.stringify({ runs, median_page_ms: sorted[2], max_page_ms: sorted[4] }))
