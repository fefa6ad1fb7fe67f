/**
 * The TypeScript side of `test_bootstrap.py`: compiles the cases of
 * `conformance/dspy/cases/bootstrap_cases.json` with @dspyflow/dspy's LabeledFewShot,
 * BootstrapFewShot, BootstrapFewShotWithRandomSearch and createNFewshotDemoSets, and writes the
 * compiled states, candidates, demo sets and printed lines as JSON.
 *
 *   npx tsx conformance/dspy/bootstrap_side.ts conformance/dspy/cases/bootstrap_cases.json out.json
 *
 * The scripted LM answers by the question in the last message (as DSPy's dict-keyed DummyLM),
 * except that a row's `lm_fix` changes its answer when a given text appears among the demos.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import * as dspy from '../../packages/dspy/src/index.ts'
import {
  BootstrapFewShot,
  BootstrapFewShotWithRandomSearch,
  createNFewshotDemoSets,
  LabeledFewShot,
  type Metric,
} from '../../packages/dspy/src/optimizers/index.ts'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

interface Row {
  question: string
  answer: string
  lm_answer: string
  lm_reasoning: string
  lm_draft: string
  lm_fix?: { when: string; answer: string }
}

interface Case {
  id: string
  optimizer: 'labeled' | 'bootstrap' | 'random_search' | 'demo_sets'
  program: 'predict' | 'cot' | 'two'
  trainset: string
  valset?: string
  metric?: 'exact' | 'partial' | 'raise_on_wrong' | null
  config?: Record<string, unknown>
  compile?: Record<string, unknown>
}

const printedPrefixes = [
  'Bootstrapped ',
  'Bootstrapping set ',
  'Going to sample between',
  'Will attempt to bootstrap',
  'New best score:',
  'Scores so far:',
  'Best score so far:',
  'Stopping early because',
]

class Two extends dspy.Module {
  first = new dspy.Predict('question -> draft')
  second = new dspy.Predict('question, draft -> answer')
  async forward(inputs: Record<string, unknown>): Promise<dspy.Prediction> {
    const draft = (await this.first.call({ question: inputs.question })).draft
    return this.second.call({ question: inputs.question, draft })
  }
}

function buildProgram(kind: Case['program']): dspy.Module {
  if (kind === 'predict') return new dspy.Predict('question -> answer')
  if (kind === 'cot') return new dspy.ChainOfThought('question -> answer')
  return new Two()
}

const metrics: Record<string, Metric> = {
  exact: (example, prediction) => example.answer === prediction.answer,
  partial: (example, prediction) => {
    if (example.answer === prediction.answer) return 1
    return String(prediction.answer).startsWith(String(example.answer)) ? 0.5 : 0
  },
  raise_on_wrong: (example, prediction) => {
    if (example.answer !== prediction.answer) throw new Error(`wrong answer ${prediction.answer}`)
    return true
  },
}

/** DSPy's dict-keyed DummyLM, plus the demo-dependent `lm_fix` answers. */
class DemoAwareLM extends dspy.BaseLM {
  private readonly adapter = new dspy.ChatAdapter()

  constructor(
    readonly answers: Record<string, Record<string, string>>,
    readonly fixes: Record<string, { when: string; answer: string }>,
  ) {
    super('dummy', { modelType: 'chat', temperature: 0, maxTokens: 1000, cache: true })
  }

  protected async forward(request: dspy.LmRequest & { cache: boolean }): Promise<dspy.LmResponse> {
    const text = (message: dspy.ChatMessage | undefined) =>
      typeof message?.content === 'string' ? message.content : ''
    const last = text(request.messages[request.messages.length - 1])
    const earlier = request.messages.slice(0, -1).map(text).join('\n')
    let content = 'No more responses'
    for (const [key, fields] of Object.entries(this.answers)) {
      if (!last.includes(key)) continue
      const fix = this.fixes[key]
      content = this.adapter.formatAnswerFields(
        fix && earlier.includes(fix.when) ? { ...fields, answer: fix.answer } : fields,
      )
      break
    }
    return {
      choices: [{ text: content, finishReason: 'stop' }],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      model: 'dummy',
    }
  }
}

function plain(value: unknown): Json {
  if (value === null || value === undefined) return null
  if (value instanceof dspy.PyFloat) return value.value
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value
  if (value instanceof dspy.Example) return plain(value.toDict())
  if (Array.isArray(value)) return value.map(plain)
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, plain(entry)]))
  }
  return String(value)
}

const camel = (name: string) =>
  name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())
const camelKeys = (record: Record<string, unknown> = {}) =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [camel(key), value]))

async function runCase(testCase: Case, datasets: Record<string, Row[]>): Promise<Json> {
  const examples = (name: string) =>
    datasets[name]!.map((row) =>
      new dspy.Example({ question: row.question, answer: row.answer }).withInputs('question'),
    )
  const answers: Record<string, Record<string, string>> = {}
  const fixes: Record<string, { when: string; answer: string }> = {}
  for (const name of [testCase.trainset, testCase.valset]) {
    for (const row of name ? datasets[name]! : []) {
      answers[row.question] = {
        reasoning: row.lm_reasoning,
        draft: row.lm_draft,
        answer: row.lm_answer,
      }
      if (row.lm_fix) fixes[row.question] = row.lm_fix
    }
  }
  const trainset = examples(testCase.trainset)
  const valset = testCase.valset ? examples(testCase.valset) : undefined
  const metric = testCase.metric ? metrics[testCase.metric] : undefined
  const config = camelKeys(testCase.config)
  const compileOptions = camelKeys(testCase.compile)
  const program = buildProgram(testCase.program)
  const printed: string[] = []
  const originalLog = console.log
  console.log = (...values: unknown[]) => {
    for (const line of values.map(String).join(' ').split('\n')) {
      if (printedPrefixes.some((prefix) => line.startsWith(prefix))) printed.push(line.trim())
    }
  }
  const result: Record<string, Json> = {}
  try {
    await dspy.context({ lm: new DemoAwareLM(answers, fixes) }, async () => {
      if (testCase.optimizer === 'labeled') {
        const compiled = await new LabeledFewShot(config).compile(program, {
          trainset,
          ...compileOptions,
        })
        result.state = plain(compiled.dumpState())
      } else if (testCase.optimizer === 'bootstrap') {
        const compiled = await new BootstrapFewShot({ metric, ...config }).compile(program, {
          trainset,
        })
        result.state = plain(compiled.dumpState())
      } else if (testCase.optimizer === 'random_search') {
        const optimizer = new BootstrapFewShotWithRandomSearch({ metric: metric!, ...config })
        const compiled = await optimizer.compile(program, { trainset, valset, ...compileOptions })
        result.state = plain(compiled.dumpState())
        result.candidates = compiled.candidatePrograms.map((candidate) => ({
          seed: candidate.seed,
          score: candidate.score,
          subscores: plain(candidate.subscores),
          state: plain(candidate.program.dumpState()),
        }))
      } else {
        const sets = await createNFewshotDemoSets({
          student: program,
          trainset,
          metric,
          teacherSettings: {},
          ...(config as {
            numCandidateSets: number
            maxLabeledDemos: number
            maxBootstrappedDemos: number
          }),
        })
        result.demo_sets = plain(sets)
      }
    })
  } finally {
    console.log = originalLog
  }
  result.printed = printed
  return result
}

const [casesPath, outPath] = process.argv.slice(2)
if (!casesPath || !outPath) {
  console.error('usage: npx tsx conformance/dspy/bootstrap_side.ts <cases.json> <out.json>')
  process.exit(2)
}
const data = JSON.parse(readFileSync(casesPath, 'utf8')) as {
  datasets: Record<string, Row[]>
  cases: Case[]
}
console.error = () => undefined
console.info = () => undefined
const results: Record<string, Json> = {}
for (const testCase of data.cases) {
  try {
    results[testCase.id] = await runCase(testCase, data.datasets)
  } catch (error) {
    const err = error as Error
    results[testCase.id] = {
      case_error: { error: err?.name ?? 'Error', message: err?.message ?? String(error) },
    }
  }
}
writeFileSync(outPath, `${JSON.stringify(results, null, 2)}\n`)
