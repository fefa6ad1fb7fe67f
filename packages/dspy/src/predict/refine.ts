import type { Adapter, AdapterCallArguments } from '../adapters/adapter.ts'
import { ChatAdapter } from '../adapters/chat-adapter.ts'
import { fieldDescriptionString } from '../adapters/field-description.ts'
import { Module } from '../primitives/module.ts'
import type { Prediction } from '../primitives/prediction.ts'
import { PyFloat } from '../python/py-float.ts'
import { pythonJsonDumps } from '../python/py-json.ts'
import { pythonDedent, pythonSplitlines } from '../python/py-text.ts'
import { context, settings } from '../settings/settings.ts'
import { InputField, OutputField } from '../signatures/field.ts'
import { Signature } from '../signatures/signature.ts'
import {
  type BestOfNOptions,
  type RewardFunction,
  type RolloutAttempt,
  extendTrace,
  rolloutBaseLm,
  runRolloutAttempt,
  toleratesFailure,
} from './best-of-n.ts'
import { Predict } from './predict.ts'

/** Options of {@link Refine}: those of BestOfN; `threshold` may be left out (no early stop). */
export interface RefineOptions extends Omit<BestOfNOptions, 'threshold'> {
  threshold?: number
}

/**
 * DSPy's `OfferFeedback` signature: blames modules for a low reward and advises each one.
 *
 * @example
 * const { advice } = (await new Predict(OfferFeedback).call(feedbackInputs)).toDict()
 */
export const OfferFeedback = new Signature({
  name: 'OfferFeedback',
  instructions: `In the discussion, assign blame to each module that contributed to the final reward being below the threshold, if
any. Then, prescribe concrete advice of how the module should act on its future input when we retry the process, if
it were to receive the same or similar inputs. If a module is not to blame, the advice should be N/A.
The module will not see its own history, so it needs to rely on entirely concrete and actionable advice from you
to avoid the same mistake on the same or similar inputs.`,
  fields: {
    program_code: InputField({
      type: 'str',
      desc: 'The code of the program that we are analyzing',
    }),
    modules_defn: InputField({
      type: 'str',
      desc: 'The definition of each module in the program, including its I/O',
    }),
    program_inputs: InputField({
      type: 'str',
      desc: 'The inputs to the program that we are analyzing',
    }),
    program_trajectory: InputField({
      type: 'str',
      desc: "The trajectory of the program's execution, showing each module's I/O",
    }),
    program_outputs: InputField({
      type: 'str',
      desc: 'The outputs of the program that we are analyzing',
    }),
    reward_code: InputField({
      type: 'str',
      desc: 'The code of the reward function that we are analyzing',
    }),
    target_threshold: InputField({
      type: 'float',
      desc: 'The target threshold for the reward function',
    }),
    reward_value: InputField({
      type: 'float',
      desc: "The reward value assigned to the program's outputs",
    }),
    module_names: InputField({
      type: 'list[str]',
      desc: 'The names of the modules in the program, for which we seek advice',
    }),
    discussion: OutputField({
      type: 'str',
      desc: 'Discussing blame of where each module went wrong, if it did',
    }),
    advice: OutputField({
      type: 'dict[str, str]',
      desc:
        'For each module, describe very concretely, in this order: the specific scenarios in which it has made ' +
        'mistakes in the past and what each mistake was, followed by what it should do differently in that kind of' +
        'scenario in the future. If the module is not to blame, write N/A.',
    }),
  },
})

function signatureOf(predictor: Module): Signature {
  return (predictor as unknown as { signature: Signature }).signature
}

/**
 * DSPy's `inspect_modules`: every predictor's fields and instructions between dashed lines.
 *
 * @example
 * inspectModules(new ChainOfThought('question -> answer')) // '-----…\nModule predict\n\tInput Fields:…'
 */
export function inspectModules(program: Module): string {
  const separator = '-'.repeat(80)
  const indented = (text: string) => ['', ...pythonSplitlines(text)].join('\n\t\t')
  const output = [separator]
  for (const [name, predictor] of program.namedPredictors()) {
    const signature = signatureOf(predictor)
    output.push(
      `Module ${name}`,
      '\n\tInput Fields:',
      indented(fieldDescriptionString(signature.inputFields)),
    )
    output.push('\tOutput Fields:', indented(fieldDescriptionString(signature.outputFields)))
    output.push(
      `\tOriginal Instructions: ${indented(pythonDedent(signature.instructions))}`,
      separator,
    )
  }
  return output.map((part) => part.replace(/^\n+|\n+$/g, '')).join('\n')
}

/**
 * DSPy's `recursive_mask`: JSON-able values kept, anything else becomes `<non-serializable: Type>`.
 *
 * @example
 * recursiveMask({ a: 1, b: new Map() }) // { a: 1, b: '<non-serializable: Map>' }
 */
export function recursiveMask(value: unknown): unknown {
  if (
    value === null ||
    ['string', 'number', 'boolean'].includes(typeof value) ||
    value instanceof PyFloat
  )
    return value
  if (Array.isArray(value)) return value.map(recursiveMask)
  if (
    typeof value === 'object' &&
    (value.constructor === Object || Object.getPrototypeOf(value) === null)
  ) {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, recursiveMask(entry)]),
    )
  }
  const typeName = typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value
  return `<non-serializable: ${typeName}>`
}

function recordOf(prediction: Prediction): Record<string, unknown> {
  return Object.fromEntries(prediction.items())
}

/** An adapter that adds the `hint_` input (this predictor's advice) before delegating to `adapter`. */
function hintingAdapter(
  adapter: Adapter,
  advice: Record<string, string>,
  signatureNames: Map<Signature, string>,
): Adapter {
  const wrapper = Object.create(adapter) as Adapter
  wrapper.call = (args: AdapterCallArguments) => {
    const name = signatureNames.get(args.signature)
    args.inputs.hint_ = (name !== undefined ? advice[name] : undefined) ?? 'N/A'
    const signature = args.signature.append(
      'hint_',
      InputField({ desc: 'A hint to the module from an earlier run' }),
      'str',
    )
    return adapter.call({ ...args, signature })
  }
  return wrapper
}

/**
 * DSPy's `Refine`: like {@link BestOfN}, but after an attempt below the threshold it asks the LM
 * (`OfferFeedback`) for advice per predictor, and the next attempt gets that advice as an extra
 * `hint_` input field of each predictor.
 *
 * @example
 * const qa = new ChainOfThought('question -> answer')
 * const oneWord = (_args: unknown, prediction: Prediction) =>
 *   String(prediction.answer).split(' ').length === 1 ? 1 : 0
 * const refined = new Refine({ module: qa, n: 3, rewardFn: oneWord, threshold: 1 })
 * const { answer } = await refined.call({ question: 'What is the capital of Belgium?' })
 */
export class Refine extends Module {
  module: Module
  rewardFn: RewardFunction
  threshold: number | undefined
  n: number
  failCount: number
  /** The program's source (the class text; DSPy's `inspect.getsource`). */
  moduleCode: string
  rewardFnCode: string

  constructor(options: RefineOptions) {
    super()
    this.module = options.module
    this.rewardFn = options.rewardFn
    this.threshold = options.threshold
    this.n = options.n
    this.failCount = options.failCount || options.n
    this.moduleCode = options.module.constructor.toString()
    this.rewardFnCode = options.rewardFn.toString()
  }

  /** Tries up to `n` rollouts, feeding advice forward; throws the last error when none succeeded. */
  async forward(inputs: Record<string, unknown>): Promise<Prediction> {
    const lm = rolloutBaseLm(this.module)
    const start = (lm.kwargs.rollout_id as number | undefined) ?? 0
    const adapter = (settings.get('adapter') as Adapter | undefined) ?? new ChatAdapter()
    let best: RolloutAttempt | undefined
    let advice: Record<string, string> | undefined
    let failCount = this.failCount
    let lastError: unknown
    for (let index = 0; index < this.n; index += 1) {
      const rolloutId = start + index
      try {
        let signatureNames = new Map<Signature, string>()
        const currentAdvice = advice
        const attempt = await runRolloutAttempt({
          module: this.module,
          lm,
          rolloutId,
          inputs,
          rewardFn: this.rewardFn,
          run: (copy) => {
            const predictors = copy.namedPredictors()
            signatureNames = new Map(
              predictors.map(([name, predictor]) => [signatureOf(predictor), name]),
            )
            if (!currentAdvice) return copy.call(inputs)
            return context(
              { adapter: hintingAdapter(adapter, currentAdvice, signatureNames) },
              () => copy.call(inputs),
            )
          },
        })
        if (attempt.reward > (best?.reward ?? Number.NEGATIVE_INFINITY)) best = attempt
        if (this.threshold !== undefined && attempt.reward >= this.threshold) break
        if (index === this.n - 1) break
        advice = await this.offerFeedback(attempt, inputs)
      } catch (error) {
        console.warn(
          `Refine: Attempt failed with rollout id ${rolloutId}: ${(error as Error)?.message ?? error}`,
        )
        if (!toleratesFailure({ index, failCount })) throw error
        failCount -= 1
        lastError = error
      }
    }
    if (!best) throw lastError ?? new Error('Refine: no attempt produced a reward above -Infinity.')
    extendTrace(best.trace)
    return best.prediction
  }

  /** Asks `Predict(OfferFeedback)` (in the caller's trace and LM) for advice per predictor name. */
  protected async offerFeedback(
    attempt: RolloutAttempt,
    inputs: Record<string, unknown>,
  ): Promise<Record<string, string>> {
    const predictorNames = new Map(
      attempt.module.namedPredictors().map(([name, predictor]) => [predictor as unknown, name]),
    )
    const adviseInputs: Record<string, unknown> = {
      program_code: this.moduleCode,
      modules_defn: inspectModules(attempt.module),
      program_inputs: inputs,
      program_trajectory: attempt.trace.map((step) => ({
        module_name: predictorNames.get(step.predictor),
        inputs: step.inputs,
        outputs: recordOf(step.prediction as Prediction),
      })),
      program_outputs: recordOf(attempt.prediction),
      reward_code: this.rewardFnCode,
      target_threshold: this.threshold === undefined ? null : new PyFloat(this.threshold),
      reward_value: new PyFloat(attempt.reward),
      module_names: attempt.module.namedPredictors().map(([name]) => name),
    }
    const serialized = Object.fromEntries(
      Object.entries(adviseInputs).map(([key, value]) => [
        key,
        typeof value === 'string'
          ? value
          : pythonJsonDumps(recursiveMask(value), { indent: 2, floatStyle: 'orjson' }),
      ]),
    )
    const feedback = await new Predict(OfferFeedback).call(serialized)
    return (feedback.get('advice') ?? {}) as Record<string, string>
  }
}
