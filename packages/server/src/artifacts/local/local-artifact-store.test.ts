import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { runArtifactStoreConformance } from '../testing/run-artifact-store-conformance.ts'
import { createLocalArtifactStore } from './local-artifact-store.ts'

const parents: string[] = []
afterAll(async () => {
  await Promise.all(parents.map((parent) => rm(parent, { recursive: true, force: true })))
})

runArtifactStoreConformance({
  name: 'local',
  createStore: async () => {
    const parent = await mkdtemp(join(tmpdir(), 'dspyflow-artifacts-'))
    parents.push(parent)
    // The root does not exist yet: the store creates it on demand.
    return createLocalArtifactStore({ root: join(parent, 'mlartifacts') })
  },
})
