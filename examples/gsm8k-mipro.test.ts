import * as dspy from '@dspyflow/dspy'
import { afterEach, expect, it } from 'vitest'
import { runGsm8kMipro } from './gsm8k-mipro.ts'

afterEach(() => dspy.settings.reset())

it('optimizes the offline GSM8K-style scenario with MIPROv2 and raises the dev score', async () => {
  const environment = { key: process.env.OPENAI_API_KEY, lm: process.env.DSPYFLOW_LM }
  delete process.env.OPENAI_API_KEY
  delete process.env.DSPYFLOW_LM
  const log = console.log
  const info = console.info
  console.log = () => {}
  console.info = () => {}
  try {
    const { before, after, program } = await runGsm8kMipro({ quiet: true })
    expect(after).toBeGreaterThan(before + 10)
    const [, predictor] = program.namedPredictors()[0]!
    expect((predictor as dspy.Predict).demos.length).toBeGreaterThan(0)
  } finally {
    console.log = log
    console.info = info
    if (environment.key !== undefined) process.env.OPENAI_API_KEY = environment.key
    if (environment.lm !== undefined) process.env.DSPYFLOW_LM = environment.lm
  }
}, 120_000)
