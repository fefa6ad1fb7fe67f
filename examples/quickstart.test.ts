import { execFile } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

it('runs the quickstart offline through FakeOpenAIServer and prints the prediction and history', async () => {
  const environment = { ...process.env }
  delete environment.OPENAI_API_KEY
  const { stdout } = await promisify(execFile)(
    join(root, 'node_modules', '.bin', 'tsx'),
    ['examples/quickstart.ts'],
    {
      cwd: root,
      env: environment,
    },
  )
  expect(stdout).toContain('Model: FakeOpenAIServer')
  expect(stdout).toContain('answer=19')
  expect(stdout).toContain("reasoning='The baker makes 12 * 5 = 60 loaves")
  expect(stdout).toContain('System message:')
  expect(stdout).toContain('[[ ## question ## ]]\nA baker makes 12 loaves')
  expect(stdout).toContain('Response:')
}, 60_000)
