import { describe, expect, it } from 'vitest'
import { Predict } from '../../predict/predict.ts'
import { Example } from '../../primitives/example.ts'
import { Prediction } from '../../primitives/prediction.ts'
import { PythonRandom } from '../../python/python-random.ts'
import { InputField, OutputField } from '../../signatures/field.ts'
import { Signature } from '../../signatures/signature.ts'
import { buildReflectiveExamples } from './reflective-dataset.ts'
import { FailedPrediction, type TraceData } from './trace-capture.ts'

const chat = new Signature({
  fields: {
    history: InputField({ type: 'History' }),
    question: InputField(),
    answer: OutputField(),
  },
})

describe('buildReflectiveExamples', () => {
  it('renders History inputs as Context and draws one call per trajectory with the rng', async () => {
    const predictor = new Predict(chat)
    const other = new Predict('question -> answer')
    const history = { messages: [{ question: 'hi', answer: 'hello' }] }
    const steps = [1, 2, 3].map((n) => ({
      predictor,
      inputs: { history, question: `q${n}` },
      prediction: new Prediction({ answer: `a${n}` }),
    }))
    const trajectories: TraceData[] = [
      {
        exampleIndex: 0,
        example: new Example({ question: 'q' }),
        prediction: new Prediction({ answer: 'a3' }),
        trace: [{ predictor: other, inputs: {}, prediction: new Prediction({}) }, ...steps],
        score: new Prediction({ score: 1 }),
      },
    ]
    let mismatches = 0
    const items = await buildReflectiveExamples({
      predictor,
      trajectories,
      rng: new PythonRandom(0),
      feedback: async ({ predictorInputs }) => ({
        score: 0,
        feedback: `saw ${predictorInputs.question}`,
      }),
      onScoreMismatch: () => {
        mismatches += 1
      },
    })
    // random.Random(0).choice([1, 2, 3]) is 2: the second of the three calls.
    expect(items).toEqual([
      {
        Inputs: {
          Context: "```json\n  0: {'question': 'hi', 'answer': 'hello'}\n```",
          question: 'q2',
        },
        'Generated Outputs': { answer: 'a2' },
        Feedback: 'saw q2',
      },
    ])
    expect(mismatches).toBe(1)
  })

  it('skips trajectories whose program output failed to parse elsewhere', async () => {
    const predictor = new Predict('question -> answer')
    const items = await buildReflectiveExamples({
      predictor,
      trajectories: [
        {
          exampleIndex: 0,
          example: new Example({}),
          prediction: new FailedPrediction('raw'),
          trace: [
            { predictor, inputs: { question: 'q' }, prediction: new Prediction({ answer: 'a' }) },
          ],
          score: 0,
        },
      ],
      rng: new PythonRandom(0),
      feedback: async () => ({ score: 0, feedback: '' }),
    })
    expect(items).toEqual([])
  })
})
