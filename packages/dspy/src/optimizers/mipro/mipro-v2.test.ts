import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Callback, TrialEvent } from '../../callbacks/callback.ts'
import { DspyError } from '../../errors/dspy-error.ts'
import { Predict } from '../../predict/predict.ts'
import type { Example } from '../../primitives/example.ts'
import { Module } from '../../primitives/module.ts'
import type { Prediction } from '../../primitives/prediction.ts'
import { context } from '../../settings/settings.ts'
import type { Signature } from '../../signatures/signature.ts'
import { additionExamples, ScriptedMiproLM } from './__fixtures__/scripted-lm.ts'
import { MIPROv2 } from './mipro-v2.ts'
import type { MIPROv2CompileOptions, MIPROv2Options } from './mipro-options.ts'
import type { MiproProgramStats } from './prompt-search.ts'

let info: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  info = vi.spyOn(console, 'info').mockImplementation(() => undefined)
  vi.spyOn(console, 'log').mockImplementation(() => undefined)
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
})
afterEach(() => {
  vi.restoreAllMocks()
})

const metric = (example: Example, prediction: Prediction) =>
  example.get('answer') === prediction.get('answer')

class TwoStep extends Module {
  first = new Predict('question -> hint')
  second = new Predict('question, hint -> answer')
  async forward(inputs: Record<string, unknown>): Promise<Prediction> {
    const hint = (await this.first.call({ question: inputs.question })).get('hint')
    return this.second.call({ question: inputs.question, hint })
  }
}

interface Run {
  program: Module & MiproProgramStats
  evaluations: string[]
  trials: TrialEvent[]
  compileInputs: Record<string, unknown>[]
  compileCallIds: string[]
  lm: ScriptedMiproLM
}

async function run(options: {
  optimizer?: Partial<MIPROv2Options>
  compile?: Partial<MIPROv2CompileOptions>
  student?: Module
  train?: number
  val?: number
}): Promise<Run> {
  const lm = new ScriptedMiproLM()
  const evaluations: string[] = []
  const trials: TrialEvent[] = []
  const compileInputs: Record<string, unknown>[] = []
  const compileCallIds: string[] = []
  const callback: Callback = {
    onEvaluateStart: ({ inputs }) => {
      const key = (inputs.callback_metadata as { metric_key?: string }).metric_key
      evaluations.push(`${key}:${(inputs.devset as unknown[]).length}`)
    },
    onTrialEnd: (event) => trials.push(event),
    onCompileStart: ({ inputs, callId }) => {
      compileInputs.push(inputs)
      compileCallIds.push(callId)
    },
  }
  const program = await context({ lm, callbacks: [callback] }, () =>
    new MIPROv2({
      metric,
      numThreads: 1,
      maxBootstrappedDemos: 2,
      maxLabeledDemos: 2,
      ...options.optimizer,
    }).compile(options.student ?? new Predict('question -> answer'), {
      trainset: additionExamples(0, options.train ?? 10),
      valset: additionExamples(100, options.val ?? 12),
      ...options.compile,
    }),
  )
  return {
    program: program as Module & MiproProgramStats,
    evaluations,
    trials,
    compileInputs,
    compileCallIds,
    lm,
  }
}

const params = (program: MiproProgramStats) =>
  Object.entries(program.trialLogs).map(([trial, log]) => [
    Number(trial),
    log['0_predictor_instruction'],
    log['0_predictor_demos'],
    log.mbScore ?? log.fullEvalScore,
  ])

describe('MIPROv2 (auto light, small valset)', () => {
  it('runs 10 full-valset trials after the default program and attaches the stats', async () => {
    const { program, evaluations, trials, compileInputs, compileCallIds, lm } = await run({})
    expect(evaluations).toEqual(Array.from({ length: 11 }, () => 'eval_full:12'))
    expect(Object.keys(program.trialLogs).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(program.candidatePrograms).toHaveLength(11)
    expect(program.mbCandidatePrograms).toHaveLength(0)
    expect(program.score).toBe(Math.max(...program.candidatePrograms.map((entry) => entry.score)))
    expect(program.candidatePrograms[0]!.score).toBe(program.score)
    expect(program.promptModelTotalCalls).toBe(0)
    // 6 demo sets, 3 instructions (candidate 0 = the original instruction).
    expect(lm.countOf('proposed_instruction')).toBe(3)
    expect(lm.countOf('summary')).toBe(1)
    expect(trials.map((event) => [event.trial, event.evaluation, event.evaluationSize])).toEqual(
      Array.from({ length: 11 }, (_, index) => [index + 1, 'full', 12]),
    )
    const second = trials[1]!
    // MIPROv2's compile starts first; the bootstrapping optimizers inside it report their own.
    // (LabeledFewShot, 4 BootstrapFewShot and their 4 teacher LabeledFewShot).
    expect(compileCallIds).toHaveLength(10)
    expect(trials.every((event) => event.compileCallId === compileCallIds[0])).toBe(true)
    expect(second.candidate).toEqual([
      {
        predictor: 'self',
        instructionIndex: program.trialLogs[2]!['0_predictor_instruction'],
        instruction: expect.any(String),
        demoSetIndex: program.trialLogs[2]!['0_predictor_demos'],
      },
    ])
    expect(trials[0]!.candidate[0]!.instruction).toBe(
      'Given the fields `question`, produce the fields `answer`.',
    )
    expect(compileInputs[0]).toMatchObject({
      minibatch: true,
      minibatch_size: 35,
      minibatch_full_eval_steps: 5,
      num_trials: null,
      requires_permission_to_run: null,
    })
    expect(info).toHaveBeenCalledWith(
      '\nRUNNING WITH THE FOLLOWING LIGHT AUTO RUN SETTINGS:\nnum_trials: 10\nminibatch: False\nnum_fewshot_candidates: 6\nnum_instruct_candidates: 3\nvalset size: 12\n',
    )
    expect(info).toHaveBeenCalledWith('===== Trial 11 / 10 =====')
  })

  it('is deterministic for a seed and changes with it', async () => {
    const first = await run({})
    const again = await run({})
    expect(params(again.program)).toEqual(params(first.program))
    const other = await run({ compile: { seed: 4 } })
    expect(params(other.program)).not.toEqual(params(first.program))
  })

  it('returns a program whose instruction and demos are the best full evaluation', async () => {
    const student = new Predict('question -> answer')
    const { program } = await run({ student })
    const best = program.candidatePrograms[0]!.program as unknown as Predict
    const chosen = program as unknown as Predict
    expect(chosen.signature.instructions).toBe(best.signature.instructions)
    expect(chosen.demos).toEqual(best.demos)
    expect(student.demos).toEqual([])
  })
})

describe('MIPROv2 with minibatches', () => {
  it('evaluates minibatches and the best-averaging program every 6th trial and at the end', async () => {
    const { program, evaluations, trials } = await run({
      compile: { minibatchSize: 10 },
      train: 20,
      val: 60,
    })
    const mini = Array.from({ length: 5 }, () => 'eval_minibatch:10')
    expect(evaluations).toEqual(['eval_full:60', ...mini, 'eval_full:60', ...mini, 'eval_full:60'])
    expect(Object.keys(program.trialLogs).map(Number)).toEqual(
      Array.from({ length: 13 }, (_, index) => index + 1),
    )
    expect(program.trialLogs[7]).toMatchObject({ totalEvalCallsSoFar: 60 + 50 + 60 })
    expect(program.mbCandidatePrograms).toHaveLength(10)
    expect(program.candidatePrograms).toHaveLength(3)
    expect(
      trials.filter((event) => event.evaluation === 'full').map((event) => event.trial),
    ).toEqual([1, 7, 13])
    expect(trials.find((event) => event.trial === 2)).toMatchObject({
      evaluation: 'minibatch',
      evaluationSize: 10,
      isBest: false,
    })
    expect(info).toHaveBeenCalledWith('== Trial 2 / 13 - Minibatch ==')
    expect(info).toHaveBeenCalledWith('===== Trial 7 / 13 - Full Evaluation =====')
  })

  it('searches two predictors with auto=None, as asked', async () => {
    const { program, evaluations } = await run({
      student: new TwoStep(),
      optimizer: { auto: null, numCandidates: 4, seed: 3 },
      compile: { numTrials: 7, minibatchSize: 8, minibatchFullEvalSteps: 3 },
      train: 12,
      val: 20,
    })
    expect(evaluations.map((entry) => entry.split(':')[0]!.slice(5))).toEqual([
      'full',
      'minibatch',
      'minibatch',
      'minibatch',
      'full',
      'minibatch',
      'minibatch',
      'minibatch',
      'full',
      'minibatch',
      'full',
    ])
    expect(Object.keys(program.trialLogs[2]!).filter((key) => key.includes('predictor'))).toEqual([
      '0_predictor_instruction',
      '0_predictor_demos',
      '1_predictor_instruction',
      '1_predictor_demos',
    ])
  })
})

describe('MIPROv2 zero-shot and options', () => {
  it('searches instructions only when no demos are allowed', async () => {
    const { program, lm } = await run({
      optimizer: { maxBootstrappedDemos: 0, maxLabeledDemos: 0 },
      train: 14,
      val: 15,
    })
    expect(Object.keys(program.trialLogs)).toHaveLength(10)
    expect(program.trialLogs[2]!['0_predictor_demos']).toBeUndefined()
    expect((program as unknown as Predict).demos).toEqual([])
    expect(lm.countOf('proposed_instruction')).toBe(6)
  })

  it('saves every evaluated program under logDir', async () => {
    const logDir = await mkdtemp(join(tmpdir(), 'mipro-'))
    try {
      const { program } = await run({ optimizer: { logDir } })
      const files = await readdir(join(logDir, 'evaluated_programs'))
      expect(files.sort()).toEqual(
        [
          'program_-1.json',
          ...Array.from({ length: 10 }, (_, index) => `program_${index + 2}.json`),
        ].sort(),
      )
      expect(program.trialLogs[2]!.fullEvalProgramPath).toBe(
        join(logDir, 'evaluated_programs', 'program_2.json'),
      )
    } finally {
      await rm(logDir, { recursive: true, force: true })
    }
  })

  it("raises DSPy's errors", async () => {
    const lm = new ScriptedMiproLM()
    const expectError = async (promise: Promise<unknown>, message: RegExp) => {
      const error = await promise.then(
        () => undefined,
        (caught: unknown) => caught,
      )
      expect(DspyError.isInstance(error)).toBe(true)
      expect((error as Error).message).toMatch(message)
    }
    expect(() => new MIPROv2({ metric })).toThrow(/set a default LM/)
    expect(
      () => new MIPROv2({ metric, promptModel: lm, taskModel: lm, auto: 'huge' as never }),
    ).toThrow("Invalid value for auto: huge. Must be one of {None, 'light', 'medium', 'heavy'}.")
    const optimizer = new MIPROv2({ metric, promptModel: lm, taskModel: lm })
    const trainset = additionExamples(0, 10)
    await expectError(
      optimizer.compile(new Predict('question -> answer'), { trainset, numTrials: 3 }),
      /cannot be set/,
    )
    await expectError(
      optimizer.compile(new Predict('question -> answer'), {
        trainset,
        valset: additionExamples(0, 60),
        minibatchSize: 61,
      }),
      /^Minibatch size cannot exceed the size of the valset. Valset size: 60.$/,
    )
    await expectError(
      optimizer.compile(new Predict('question -> answer'), {
        trainset,
        requiresPermissionToRun: true,
      }),
      /User confirmation is removed/,
    )
    expect(optimizer.getParams()).toMatchObject({
      auto: 'light',
      seed: 9,
      init_temperature: 1,
      max_bootstrapped_demos: 4,
      max_labeled_demos: 4,
      track_stats: true,
    })
  })

  it('warns on requiresPermissionToRun: false and still runs', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { program } = await run({ compile: { requiresPermissionToRun: false }, val: 5 })
    expect(warn).toHaveBeenCalledWith(
      "'requires_permission_to_run' is deprecated and will be removed in a future version.",
    )
    expect((program as unknown as { signature: Signature }).signature).toBeDefined()
  })
})
