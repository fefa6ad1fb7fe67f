/**
 * The TypeScript side of the MIPROv2 conformance test (`test_mipro.py`): runs each case with our
 * MIPROv2 and writes what `mipro_side.py` writes for DSPy 3.3.1.
 *
 *   npx tsx conformance/dspy/mipro_side.ts <cases.json> <out.json>
 *
 * The scripted LM (`respond`) is the same function as the Python one: its answers depend only
 * on the messages sent, so the order of calls does not matter. A failing case becomes
 * `{ case_error: { error, message } }`.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import * as dspy from '../../packages/dspy/src/index.ts'
import type { LmRequest, LmResponse } from '../../packages/dspy/src/lm/lm-types.ts'
import { MIPROv2 } from '../../packages/dspy/src/optimizers/mipro/index.ts'
import type { MiproProgramStats } from '../../packages/dspy/src/optimizers/mipro/index.ts'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

interface Case {
  id: string
  program: 'predict' | 'two_step'
  optimizer: Record<string, Json>
  compile?: Record<string, Json>
  trainset: { start: number; count: number }
  valset: { start: number; count: number }
}

const tips: [string, string][] = [
  ['creative', "Don't be afraid to be creative when creating the new instruction!"],
  ['simple', 'Keep the instruction clear and concise.'],
  ['description', 'Make sure your instruction is very informative and descriptive.'],
  [
    'high_stakes',
    'The instruction should include a high stakes scenario in which the LM must solve the task!',
  ],
  [
    'persona',
    'Include a persona that is relevant to the task in the instruction (ie. "You are a ...")',
  ],
]

const metaFields = [
  'proposed_instruction',
  'observations',
  'summary',
  'program_description',
  'module_description',
]
const metaAnswers: Record<string, string> = {
  observations: 'Each example is a small addition question.',
  summary: 'Summary: Addition questions with numeric answers.',
  program_description: 'The program answers arithmetic questions.',
  module_description: 'It writes the final answer.',
}

function answerText(fields: Record<string, string>): string {
  return `${Object.entries(fields)
    .map(([name, value]) => `[[ ## ${name} ## ]]\n${value}\n\n`)
    .join('')}[[ ## completed ## ]]`
}

function count(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1
}

/** The scripted answer to one request (the same function as `respond` in mipro_side.py). */
function respond(
  messages: { content: unknown }[],
  counts: Record<string, number>,
  prompts: Record<string, [string, string]>,
): string {
  const last = String(messages[messages.length - 1]?.content)
  const system = String(messages[0]?.content)
  for (const field of metaFields) {
    if (!last.includes(`\`[[ ## ${field} ## ]]\``)) continue
    count(counts, field)
    prompts[field] ??= [system, last]
    if (field === 'proposed_instruction') {
      const style = tips.find(([, text]) => last.includes(text))?.[0] ?? 'plain'
      const demos = last.includes('No task demos provided.') ? 'no demos' : 'with demos'
      return answerText({ [field]: `Proposed Instruction: Answer the sum (${style}, ${demos}).` })
    }
    return answerText({ [field]: metaAnswers[field]! })
  }
  if (last.includes('`[[ ## hint ## ]]`')) {
    count(counts, 'hint')
    return answerText({ hint: 'add the two numbers' })
  }
  if (last.includes('`[[ ## answer ## ]]`')) {
    count(counts, 'answer')
    const match = /What is (\d+) \+ (\d+)\?/.exec(last)!
    const a = Number(match[1])
    const b = Number(match[2])
    const demos = Math.floor((messages.length - 2) / 2)
    let bonus = 0
    for (const character of system) bonus += character.codePointAt(0)!
    const correct = (3 * a + b + demos + (bonus % 5)) % 4 !== 0
    return answerText({ answer: correct ? String(a + b) : 'unknown' })
  }
  count(counts, 'other')
  return answerText({ answer: 'No more responses' })
}

class ScriptedLM extends dspy.BaseLM {
  readonly counts: Record<string, number> = {}
  readonly prompts: Record<string, [string, string]> = {}

  constructor() {
    super('scripted', { modelType: 'chat', temperature: 0, maxTokens: 1000, cache: false })
  }

  protected async forward(request: LmRequest & { cache: boolean }): Promise<LmResponse> {
    const n = (request.kwargs.n as number | undefined) ?? 1
    const text = respond(request.messages ?? [], this.counts, this.prompts)
    return {
      choices: Array.from({ length: n }, () => ({ text, finishReason: 'stop' })),
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      model: 'scripted',
    }
  }
}

class TwoStep extends dspy.Module {
  first = new dspy.Predict('question -> hint')
  second = new dspy.Predict('question, hint -> answer')

  async forward(inputs: Record<string, unknown>): Promise<dspy.Prediction> {
    const hint = (await this.first.call({ question: inputs.question })).get('hint')
    return this.second.call({ question: inputs.question, hint })
  }
}

function makeExamples(spec: { start: number; count: number }): dspy.Example[] {
  return Array.from({ length: spec.count }, (_, offset) => {
    const index = spec.start + offset
    const a = index % 23
    const b = (index * 7) % 10
    return new dspy.Example({ question: `What is ${a} + ${b}?`, answer: String(a + b) }).withInputs(
      'question',
    )
  })
}

/** Keeps the demo sets and instruction candidates computed inside compile. */
class RecordingMIPROv2 extends MIPROv2 {
  capturedDemoCandidates: unknown[][][] = []
  capturedInstructions: string[][] = []

  protected override async bootstrapFewshotExamples(
    options: Parameters<MIPROv2['bootstrapFewshotExamples']>[0],
  ): Promise<unknown[][][]> {
    this.capturedDemoCandidates = await super.bootstrapFewshotExamples(options)
    return this.capturedDemoCandidates
  }

  protected override async proposeInstructions(
    options: Parameters<MIPROv2['proposeInstructions']>[0],
  ): Promise<string[][]> {
    this.capturedInstructions = await super.proposeInstructions(options)
    return this.capturedInstructions
  }
}

const camel = (name: string) =>
  name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())
const camelKeys = (record: Record<string, Json> = {}) =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [camel(key), value]))

const trialKeys: [string, string][] = [
  ['mbScore', 'mb_score'],
  ['fullEvalScore', 'full_eval_score'],
  ['totalEvalCallsSoFar', 'total_eval_calls_so_far'],
]

async function runCase(testCase: Case): Promise<Json> {
  const lm = new ScriptedLM()
  const { counts, prompts } = lm
  const evaluations: Json[] = []
  const recorder: dspy.Callback = {
    onEvaluateStart: ({ inputs, instance }) => {
      const metadata = (inputs.callback_metadata ?? {}) as Record<string, Json>
      const devset = (inputs.devset ?? (instance as { devset: unknown[] }).devset) as unknown[]
      evaluations.push([metadata.metric_key ?? null, devset.length])
    },
  }
  const program =
    testCase.program === 'two_step' ? new TwoStep() : new dspy.Predict('question -> answer')
  const metric = (example: dspy.Example, prediction: dspy.Prediction) =>
    example.get('answer') === prediction.get('answer')
  const { optimizer, compiled } = await dspy.context({ lm, callbacks: [recorder] }, async () => {
    const optimizer = new RecordingMIPROv2({ metric, ...camelKeys(testCase.optimizer) })
    const compiled = await optimizer.compile(program, {
      trainset: makeExamples(testCase.trainset),
      valset: makeExamples(testCase.valset),
      ...camelKeys(testCase.compile),
    })
    return { optimizer, compiled: compiled as typeof compiled & MiproProgramStats }
  })
  const trials = Object.keys(compiled.trialLogs)
    .map(Number)
    .sort((a, b) => a - b)
    .map((num) => {
      const log = compiled.trialLogs[num]!
      const record: Record<string, Json> = { trial: num }
      for (const [key, value] of Object.entries(log)) {
        if (key.endsWith('_predictor_instruction') || key.endsWith('_predictor_demos'))
          record[key] = value as number
      }
      for (const [key, name] of trialKeys) if (key in log) record[name] = log[key] as number
      return record
    })
  const predictors = compiled.predictors() as unknown as {
    signature: dspy.Signature
    demos: unknown[]
  }[]
  return {
    evaluations,
    trials,
    instruction_candidates: optimizer.capturedInstructions,
    demo_set_sizes: optimizer.capturedDemoCandidates.map((sets) => sets.map((set) => set.length)),
    meta_calls: Object.fromEntries(
      Object.entries(counts)
        .filter(([key]) => metaFields.includes(key))
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
    meta_prompts: Object.fromEntries(Object.entries(prompts).sort(([a], [b]) => (a < b ? -1 : 1))),
    score: compiled.score,
    candidate_programs: compiled.candidatePrograms.length,
    mb_candidate_programs: compiled.mbCandidatePrograms.length,
    final_instructions: predictors.map((predictor) => predictor.signature.instructions),
    final_demo_counts: predictors.map((predictor) => predictor.demos.length),
  }
}

async function main(argv: string[]): Promise<void> {
  const [casesPath, outPath] = argv
  const cases = JSON.parse(readFileSync(casesPath!, 'utf8')) as Case[]
  // DSPy's log lines go to the console; keep the runner's own output short.
  console.info = () => {}
  console.log = () => {}
  const results: Record<string, Json> = {}
  for (const testCase of cases) {
    try {
      results[testCase.id] = await runCase(testCase)
    } catch (error) {
      results[testCase.id] = {
        case_error: { error: (error as Error)?.name ?? 'Error', message: String(error) },
      }
    }
  }
  writeFileSync(outPath!, JSON.stringify(results, null, 2))
}

await main(process.argv.slice(2))
