import { describe, expect, it } from 'vitest'
import { ChainOfThought } from '../../predict/chain-of-thought.ts'
import { Predict } from '../../predict/predict.ts'
import { Example } from '../../primitives/example.ts'
import { Module } from '../../primitives/module.ts'
import type { Prediction } from '../../primitives/prediction.ts'
import {
  createExampleString,
  examplesRepr,
  orderInputKeysInString,
  programSourceCode,
  stripPrefix,
} from './propose-utils.ts'

// Expected values printed by DSPy 3.3.1 (dspy.propose.utils / dataset_summary_generator).
describe('stripPrefix', () => {
  it.each([
    ['Proposed Instruction: "Answer briefly."', 'Answer briefly.'],
    ['**Summary:** The data is math.', '** The data is math.'],
    [
      'Here is the new improved instruction text: Do it.',
      'Here is the new improved instruction text: Do it.',
    ],
    ['One two three four five six: x', 'One two three four five six: x'],
    ['"Quoted"', 'Quoted'],
    ['No prefix here', 'No prefix here'],
    ['  Tip - it: works', 'works'],
    ["Don't stop: now", 'now'],
    ['Note:', ''],
    ['Résumé final: texte', 'texte'],
  ])('strips %j as DSPy', (text, expected) => {
    expect(stripPrefix(text)).toBe(expected)
  })
})

describe('dataset and demo strings', () => {
  it('sorts input keys and prints Example lists as Python', () => {
    expect(
      orderInputKeysInString(
        "[Example({'a': 1}) (input_keys={'q', 'b', 'a'}), Example({}) (input_keys=None)]",
      ),
    ).toBe("[Example({'a': 1}) (input_keys={'a', 'b', 'q'}), Example({}) (input_keys=None)]")
    const examples = [
      new Example({ question: 'What is 1 + 2?', answer: '3' }).withInputs('question'),
      new Example({ q: 'x', flag: true, none: null }),
    ]
    expect(examplesRepr(examples)).toBe(
      "[Example({'question': 'What is 1 + 2?', 'answer': '3'}) (input_keys={'question'}), Example({'q': 'x', 'flag': True, 'none': None}) (input_keys=None)]",
    )
  })

  it('renders a demo with every field prefix, as create_example_string', () => {
    const signature = new ChainOfThought('question, context -> answer').predict.signature
    const example = new Example({ question: 'q1', context: ['a', 'b'], answer: 3, augmented: true })
    expect(createExampleString({ signature, example })).toBe(
      "Question: q1\nContext: ['a', 'b']\nReasoning: None\nAnswer: 3",
    )
    expect(createExampleString({ signature, example: { question: 'q2', answer: 'x' } })).toBe(
      'Question: q2\nContext: None\nReasoning: None\nAnswer: x',
    )
  })
})

class QA extends Module {
  generate = new Predict('question -> answer')
  forward(inputs: Record<string, unknown>): Promise<Prediction> {
    return this.generate.call(inputs)
  }
}

describe('programSourceCode', () => {
  it('lists the signatures, then the TypeScript source of the program class', () => {
    const code = programSourceCode(new QA())
    expect(code.startsWith('StringSignature(question -> answer\n')).toBe(true)
    expect(code).toContain('class QA extends Module')
    expect(code).toContain('this.generate.call(inputs)')
  })

  it('leaves out the source of a bare Predict or ChainOfThought, as DSPy', () => {
    expect(programSourceCode(new Predict('question -> answer'))).toBe('\n\n')
    expect(programSourceCode(new ChainOfThought('question -> answer'))).toBe(
      'StringSignature(question -> reasoning, answer\n    instructions="Given the fields `question`, produce the fields `answer`."\n)\n\n',
    )
  })
})
