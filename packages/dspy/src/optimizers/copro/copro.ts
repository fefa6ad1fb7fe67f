import type { Callback } from '../../callbacks/callback.ts'
import { InvalidArgumentError } from '../../errors/dspy-error.ts'
import { Evaluate, type EvaluateOptions } from '../../evaluate/evaluate.ts'
import type { Metric } from '../../evaluate/evaluation-result.ts'
import type { BaseLM } from '../../lm/base-lm.ts'
import { Predict } from '../../predict/predict.ts'
import type { Module } from '../../primitives/module.ts'
import { pythonFloatRepr } from '../../python/py-float.ts'
import { pythonStrip } from '../../python/py-text.ts'
import { settings } from '../../settings/settings.ts'
import type { Signature } from '../../signatures/signature.ts'
import { type CompileOptions, Optimizer } from '../optimizer.ts'
import { basicGenerateInstruction, generateInstructionGivenAttempts } from './copro-signatures.ts'
import { type COPROStats, emptyStats, recordStats } from './copro-stats.ts'

/** Options of {@link COPRO}, DSPy's keyword arguments in camelCase. */
export interface COPROOptions {
  /** The LM that writes instructions (default: the configured LM). */
  promptModel?: BaseLM
  /** The task metric, `metric(example, prediction)`. */
  metric: Metric
  /** New instructions per round; must be greater than 1 (default 10). */
  breadth?: number
  /** Rounds of proposal and evaluation (default 3). */
  depth?: number
  /** The temperature of the proposals (default 1.4). */
  initTemperature?: number
  /** Keep score statistics per depth on the result (default false). */
  trackStats?: boolean
  callbacks?: Callback[]
}

/** `COPRO.compile` options. */
export interface COPROCompileOptions extends CompileOptions {
  /** Extra `Evaluate` options (threads, progress, ...), DSPy's `eval_kwargs`. */
  evalKwargs?: Omit<EvaluateOptions, 'devset' | 'metric'>
}

/** One evaluated (instruction, prefix) of one predictor. */
export interface COPROCandidate {
  /** Evaluate's percentage on the trainset. */
  score: number
  program: Module
  instruction: string
  prefix: string
  /** The 0-based depth it was evaluated at. */
  depth: number
}

/** What COPRO attaches to the program it returns. */
export interface COPROResult {
  /** Every evaluated candidate, best first (DSPy's `candidate_programs`). */
  candidatePrograms: COPROCandidate[]
  /** How many times Evaluate ran (DSPy's `total_calls`). */
  totalCalls: number
  /** With `trackStats`, per predictor name: statistics of the top 10 scores at each depth. */
  resultsBest?: Record<string, COPROStats>
  /** With `trackStats`, per predictor name: statistics of the newest proposals' scores. */
  resultsLatest?: Record<string, COPROStats>
}

interface Proposal {
  instruction: string
  prefix: string
}

function stripQuotes(text: string): string {
  return pythonStrip(text.replace(/^"+|"+$/g, ''))
}

function lastFieldName(signature: Signature): string {
  return signature.fields[signature.fields.length - 1]!.name
}

function signatureOf(predictor: Module): Signature {
  return (predictor as unknown as Predict).signature
}

function setSignature(predictor: Module, instruction: string, prefix: string): void {
  const signature = signatureOf(predictor)
  ;(predictor as unknown as Predict).signature = signature
    .withInstructions(instruction)
    .withUpdatedFields(lastFieldName(signature), { prefix })
}

function sameCandidate(first: COPROCandidate, second: COPROCandidate): boolean {
  const others = second.program.predictors()
  return first.program.predictors().every((predictor, index) => {
    const [a, b] = [signatureOf(predictor), signatureOf(others[index]!)]
    // DSPy compares the last fields as objects (pydantic FieldInfo has no value equality).
    return a.instructions === b.instructions && a.fields.at(-1) === b.fields.at(-1)
  })
}

/** DSPy's `_drop_duplicates`: among equal scores, drops candidates equal to a kept one. */
function dropDuplicates(candidates: COPROCandidate[]): COPROCandidate[] {
  const kept: COPROCandidate[] = []
  let batch: COPROCandidate[] = []
  let batchScore = -1
  for (const candidate of candidates) {
    let repeat = false
    if (candidate.score === batchScore) {
      repeat = batch.some((other) => sameCandidate(candidate, other))
      if (!repeat) batch.push(candidate)
    } else {
      batch = [candidate]
      batchScore = candidate.score
    }
    if (!repeat) kept.push(candidate)
  }
  return kept
}

/**
 * DSPy's `COPRO` (coordinate-ascent prompt optimization): for each predictor, the prompt model
 * proposes `breadth` instructions and output prefixes; every candidate is evaluated on the
 * trainset, the best is kept, and for `depth` rounds new proposals are written from the scored
 * attempts. Returns the best program with `candidatePrograms`, `totalCalls` and (with
 * `trackStats`) `resultsBest` / `resultsLatest` attached. Each evaluated candidate is reported to
 * `onTrialEnd`.
 *
 * @example
 * const copro = new COPRO({ metric: exactMatch, breadth: 4, depth: 2 })
 * const compiled = await copro.compile(program, { trainset, evalKwargs: { numThreads: 4 } })
 * console.log((compiled as typeof compiled & COPROResult).totalCalls) // 8
 */
export class COPRO extends Optimizer<COPROCompileOptions> {
  metric: Metric
  breadth: number
  depth: number
  initTemperature: number
  promptModel: BaseLM | undefined
  trackStats: boolean

  constructor(options: COPROOptions) {
    super()
    const breadth = options.breadth ?? 10
    if (breadth <= 1) throw new InvalidArgumentError({ message: 'Breadth must be greater than 1' })
    const depth = options.depth ?? 3
    if (depth < 1) throw new InvalidArgumentError({ message: 'Depth must be at least 1' })
    this.metric = options.metric
    this.breadth = breadth
    this.depth = depth
    this.initTemperature = options.initTemperature ?? 1.4
    this.promptModel = options.promptModel
    this.trackStats = options.trackStats ?? false
    if (options.callbacks) this.callbacks = options.callbacks
  }

  protected override compileCallInputs(
    student: Module,
    options: COPROCompileOptions,
  ): Record<string, unknown> {
    return { student, trainset: options.trainset, eval_kwargs: options.evalKwargs ?? null }
  }

  private async propose(
    signature: Signature,
    n: number,
    inputs: Record<string, unknown>,
  ): Promise<Proposal[]> {
    const predict = new Predict(signature, { config: { n, temperature: this.initTemperature } })
    const run = () => predict.call(inputs)
    const prediction = this.promptModel
      ? await settings.context({ lm: this.promptModel }, run)
      : await run()
    const instructions = prediction.completions.get('proposed_instruction') ?? []
    const prefixes = prediction.completions.get('proposed_prefix_for_output_field') ?? []
    const text = (value: unknown) => (value === null || value === undefined ? '' : String(value))
    return instructions.map((instruction, index) => ({
      instruction: text(instruction),
      prefix: text(prefixes[index]),
    }))
  }

  protected async compileProgram<P extends Module>(
    student: P,
    options: COPROCompileOptions,
  ): Promise<P> {
    const { trainset } = options
    const module = student.deepcopy()
    const evaluate = new Evaluate({ ...options.evalKwargs, devset: trainset, metric: this.metric })
    const named = module.namedPredictors()
    const names = named.map(([name]) => name)
    const resultsBest = Object.fromEntries(names.map((name) => [name, emptyStats()]))
    const resultsLatest = Object.fromEntries(names.map((name) => [name, emptyStats()]))
    const evaluated = named.map(() => new Map<string, COPROCandidate>())
    const allCandidates: Proposal[][] = []
    for (const [, predictor] of named) {
      const signature = signatureOf(predictor)
      const basicInstruction = signature.instructions
      const basicPrefix = signature.field(lastFieldName(signature))!.prefix
      const proposals = await this.propose(basicGenerateInstruction, this.breadth - 1, {
        basic_instruction: basicInstruction,
      })
      proposals.push({ instruction: basicInstruction, prefix: basicPrefix })
      allCandidates.push(proposals)
    }
    let latestCandidates = [...allCandidates]
    const moduleClone = module.deepcopy()
    const clonePredictors = moduleClone.predictors()
    let totalCalls = 0
    let bestScore = Number.NEGATIVE_INFINITY
    let depth = 0
    for (; depth < this.depth; depth += 1) {
      console.info(`Iteration Depth: ${depth + 1}/${this.depth}.`)
      const latestScores: number[] = []
      for (const [index, name] of names.entries()) {
        const candidates = named.length > 1 ? allCandidates[index]! : latestCandidates[index]!
        const predictor = clonePredictors[index]!
        for (const [candidateIndex, candidate] of candidates.entries()) {
          const instruction = stripQuotes(candidate.instruction)
          const prefix = stripQuotes(candidate.prefix)
          setSignature(predictor, instruction, prefix)
          console.info(
            `At Depth ${depth + 1}/${this.depth}, Evaluating Prompt Candidate #${candidateIndex + 1}/${candidates.length} for Predictor ${index + 1} of ${named.length}.`,
          )
          const { score } = await evaluate.call(moduleClone, { devset: trainset })
          totalCalls += 1
          const key = JSON.stringify([instruction, prefix])
          const previous = evaluated[index]!.get(key)
          const snapshot = moduleClone.deepcopy()
          if (!previous || previous.score < score) {
            evaluated[index]!.set(key, { score, program: snapshot, instruction, prefix, depth })
          }
          if (candidates.length - this.breadth <= candidateIndex) latestScores.push(score)
          const isBest = score > bestScore
          bestScore = Math.max(bestScore, score)
          this.emitTrial({
            trial: totalCalls,
            evaluation: 'full',
            evaluationSize: trainset.length,
            score,
            candidate: moduleClone.namedPredictors().map(([predictorName, p]) => ({
              predictor: predictorName,
              instruction: signatureOf(p).instructions,
            })),
            program: snapshot,
            isBest,
            details: { depth, predictor: name, candidateIndex, prefix },
          })
        }
        if (this.trackStats)
          recordStats({ stats: resultsLatest[name]!, depth, scores: latestScores })
        let best: COPROCandidate | undefined
        for (const candidate of evaluated[index]!.values())
          if (!best || candidate.score > best.score) best = candidate
        setSignature(predictor, best!.instruction, best!.prefix)
      }
      if (depth === this.depth - 1) break
      const newCandidates: Proposal[][] = []
      for (const [index, name] of names.entries()) {
        const ranked = [...evaluated[index]!.values()].sort((a, b) => b.score - a.score)
        const shortest = Math.min(evaluated[index]!.size, this.breadth)
        if (this.trackStats) {
          const scores = ranked.slice(0, 10).map((candidate) => candidate.score)
          recordStats({ stats: resultsBest[name]!, depth, scores })
        }
        const attempts: string[] = []
        for (let i = shortest - 1; i >= 0; i -= 1) {
          const attempt = ranked[i]!
          attempts.push(`Instruction #${shortest - i}: ${attempt.instruction}`)
          attempts.push(`Prefix #${shortest - i}: ${attempt.prefix}`)
          attempts.push(`Resulting Score #${shortest - i}: ${pythonFloatRepr(attempt.score)}`)
        }
        const proposals = await this.propose(generateInstructionGivenAttempts, this.breadth, {
          attempted_instructions: attempts,
        })
        newCandidates.push(proposals)
        allCandidates[index]!.push(...proposals)
      }
      latestCandidates = newCandidates
    }
    const candidates: COPROCandidate[] = []
    for (const [index, name] of names.entries()) {
      candidates.push(...evaluated[index]!.values())
      if (this.trackStats) {
        const ranked = [...evaluated[index]!.values()].sort((a, b) => b.score - a.score)
        const scores = ranked.slice(0, 10).map((candidate) => candidate.score)
        recordStats({ stats: resultsBest[name]!, depth, scores })
      }
    }
    candidates.sort((a, b) => b.score - a.score)
    const kept = dropDuplicates(candidates)
    const best = kept[0]!.program as P & COPROResult
    best.candidatePrograms = kept
    best.totalCalls = totalCalls
    if (this.trackStats) {
      best.resultsBest = resultsBest
      best.resultsLatest = resultsLatest
    }
    return best
  }
}
