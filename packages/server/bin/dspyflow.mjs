#!/usr/bin/env node
// The `dspyflow` command. The packages ship TypeScript sources, so tsx loads them.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
await main(process.argv)
