/**
 * The optimizer-tracking tutorial's scenario in TypeScript: ChainOfThought "question -> answer"
 * on GSM8K-style problems, optimized with MIPROv2 (auto "light", up to 3 bootstrapped and 4
 * labeled demos), with the dev score before and after.
 *
 *   npx tsx examples/gsm8k-mipro.ts
 *
 * Offline (no OPENAI_API_KEY / DSPYFLOW_LM): the synthetic arithmetic set and SimulatedLM, a
 * documented stand-in that is not a language model — it solves the synthetic problems and is right
 * more often with correct demos and careful instructions, so the optimization has something real
 * to find. With a key it runs on GSM8K with a real model (the dataset is fetched from the
 * Hugging Face hub and cached; GSM8K_PATH points at an offline copy with train.jsonl/test.jsonl).
 */
import * as dspy from '@dspyflow/dspy'
import { SimulatedLM } from '@dspyflow/dspy/testing'

export interface Gsm8kMiproResult {
  before: number
  after: number
  program: dspy.Module
}

/** Runs the scenario; options make it small enough for tests. */
export async function runGsm8kMipro(
  options: { trainSize?: number; devSize?: number; seed?: number; quiet?: boolean } = {},
): Promise<Gsm8kMiproResult> {
  const realModel =
    process.env.DSPYFLOW_LM ?? (process.env.OPENAI_API_KEY ? 'openai/gpt-4o-mini' : undefined)
  let trainset: dspy.Example[]
  let devset: dspy.Example[]
  if (realModel) {
    dspy.configure({ lm: new dspy.LM(realModel) })
    const gsm8k = await dspy.GSM8K.load({ path: process.env.GSM8K_PATH })
    trainset = gsm8k.train
    devset = gsm8k.dev
  } else {
    dspy.configure({ lm: new SimulatedLM({ seed: options.seed ?? 0 }) })
    const data = dspy.syntheticArithmetic({
      trainSize: options.trainSize ?? 100,
      devSize: options.devSize ?? 100,
      testSize: 0,
      seed: options.seed ?? 0,
    })
    trainset = data.train
    devset = data.dev
  }

  const program = new dspy.ChainOfThought('question -> answer')
  const evaluate = new dspy.Evaluate({
    devset,
    metric: dspy.gsm8kMetric,
    numThreads: 8,
    displayProgress: !options.quiet,
  })
  const before = (await evaluate.call(program)).score

  const optimizer = new dspy.MIPROv2({
    metric: dspy.gsm8kMetric,
    auto: 'light',
    numThreads: 8,
    seed: options.seed ?? 9,
  })
  const optimized = await optimizer.compile(program, {
    trainset,
    maxBootstrappedDemos: 3,
    maxLabeledDemos: 4,
  })
  const after = (await evaluate.call(optimized)).score
  return { before, after, program: optimized }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const log = console.log
  const { before, after, program } = await runGsm8kMipro()
  log(`\nDev score before optimization: ${before}%`)
  log(`Dev score after MIPROv2 (auto light): ${after}%`)
  const [, predictor] = program.namedPredictors()[0]!
  log(`\nOptimized instructions: ${(predictor as dspy.Predict).signature.instructions}`)
  log(`Demos: ${(predictor as dspy.Predict).demos.length}`)
  await program.save('gsm8k-mipro-optimized.json')
  log('Saved the optimized program to gsm8k-mipro-optimized.json (loads in Python DSPy too).')
}
