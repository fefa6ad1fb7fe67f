import { ChatAdapter } from '../../adapters/chat-adapter.ts'
import type { Example } from '../../primitives/example.ts'
import type { Module } from '../../primitives/module.ts'
import { Prediction } from '../../primitives/prediction.ts'
import { pythonRepr } from '../../python/py-repr.ts'
import type { PythonRandom } from '../../python/python-random.ts'
import type { TraceStep } from '../../settings/settings.ts'
import type { Signature } from '../../signatures/signature.ts'
import { pythonText } from './python-text.ts'
import { FailedPrediction, type TraceData } from './trace-capture.ts'

/** One example shown to the reflection LM (DSPy's `ReflectiveExample`). */
export interface ReflectiveExample {
  Inputs: Record<string, unknown>
  /** The predictor's outputs as text, or the parse-failure text with the raw answer. */
  'Generated Outputs': Record<string, string> | string
  Feedback: unknown
}

/** Feedback for one predictor call: the metric's score and text. */
export interface PredictorFeedback {
  score: unknown
  feedback: unknown
}

/** Asks the metric for feedback on one predictor call (DSPy's `PredictorFeedbackFn`). */
export type PredictorFeedbackFn = (args: {
  predictorOutput: Prediction
  predictorInputs: Record<string, unknown>
  moduleInputs: Example
  moduleOutputs: Prediction
  capturedTrace: TraceStep[]
}) => Promise<PredictorFeedback>

function signatureOf(predictor: unknown): Signature {
  return (predictor as { signature: Signature }).signature
}

/** The score inside a metric value (a Prediction's `score`), booleans as 1 / 0. */
function numeric(value: unknown): unknown {
  let score = value
  if (value instanceof Prediction) score = value.get('score')
  else if (value !== null && typeof value === 'object' && 'score' in value)
    score = (value as { score: unknown }).score
  return typeof score === 'boolean' ? Number(score) : score
}

function formatInputs(signature: Signature, inputs: Record<string, unknown>) {
  const result: Record<string, unknown> = {}
  const history = signature.inputFields.find(
    (field) =>
      field.type.kind === 'custom' && field.type.name === 'History' && field.name in inputs,
  )
  if (history) {
    const messages = (inputs[history.name] as { messages?: unknown[] } | undefined)?.messages ?? []
    let text = '```json\n'
    for (const [index, message] of messages.entries())
      text += `  ${index}: ${pythonRepr(message)}\n`
    result.Context = `${text}\`\`\``
  }
  for (const [key, value] of Object.entries(inputs))
    if (key !== history?.name) result[key] = pythonText(value)
  return result
}

function parseFailureFeedback(signature: Signature): string {
  let structure = ''
  for (const message of new ChatAdapter().format(signature, [], {}))
    structure += `${message.role}: ${message.content}\n`
  return `Your output failed to parse. Follow this structure:\n${structure}`
}

/**
 * The reflective examples of one predictor (DSPy's `DspyAdapter.make_reflective_dataset` for
 * one component): per trajectory, one call of the predictor (a parse failure first, else one
 * drawn with `rng`), its inputs and outputs as text, and the metric's feedback for it.
 *
 * @example
 * const examples = await buildReflectiveExamples({ predictor, trajectories, rng, feedback })
 * examples[0].Feedback // 'This trajectory got a score of 0.0.'
 */
export async function buildReflectiveExamples(options: {
  /** The predictor of the candidate program: trace steps are matched by its signature. */
  predictor: Module
  trajectories: readonly TraceData[]
  rng: PythonRandom
  feedback: PredictorFeedbackFn
  addFormatFailureAsFeedback?: boolean
  /** Called when the metric's predictor-level score differs from the program-level score. */
  onScoreMismatch?: () => void
}): Promise<ReflectiveExample[]> {
  const signature = signatureOf(options.predictor)
  const items: ReflectiveExample[] = []
  for (const data of options.trajectories) {
    const moduleScore = numeric(data.score)
    let instances = data.trace.filter((step) => signatureOf(step.predictor).equals(signature))
    if (!options.addFormatFailureAsFeedback)
      instances = instances.filter((step) => !(step.prediction instanceof FailedPrediction))
    if (instances.length === 0) continue
    let selected = instances.find((step) => step.prediction instanceof FailedPrediction)
    if (!selected) {
      if (data.prediction instanceof FailedPrediction) continue
      selected = options.rng.choice(instances)
    }
    const outputs = selected.prediction
    const item: ReflectiveExample = {
      Inputs: formatInputs(signature, selected.inputs),
      'Generated Outputs': '',
      Feedback: '',
    }
    if (outputs instanceof FailedPrediction) {
      item['Generated Outputs'] =
        "Couldn't parse the output as per the expected output format. The model's raw response was:\n" +
        `\`\`\`\n${outputs.completionText}\n\`\`\`\n\n`
      item.Feedback = parseFailureFeedback(signature)
    } else {
      const prediction = outputs as Prediction
      item['Generated Outputs'] = Object.fromEntries(
        prediction.items().map(([key, value]) => [key, pythonText(value)]),
      )
      const feedback = await options.feedback({
        predictorOutput: prediction,
        predictorInputs: selected.inputs,
        moduleInputs: data.example,
        moduleOutputs: data.prediction as Prediction,
        capturedTrace: data.trace,
      })
      item.Feedback = feedback.feedback
      if (numeric(feedback.score) !== moduleScore) options.onScoreMismatch?.()
    }
    items.push(item)
  }
  return items
}
