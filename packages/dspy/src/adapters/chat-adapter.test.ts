import { describe, expect, it } from 'vitest'
import { AdapterParseError } from '../errors/adapter-parse-error.ts'
import { Signature } from '../signatures/signature.ts'
import { ChatAdapter } from './chat-adapter.ts'
import golden from './__fixtures__/typed-signature-prompts.json' with { type: 'json' }
import { JSONAdapter } from './json-adapter.ts'

// Expected messages were printed by Python DSPy 3.3.1 for the same signature, demos and inputs.
const signature = new Signature(
  "question: str, k: int -> answers: list[str], confidence: float, verdict: Literal['yes', 'no']",
)

describe('ChatAdapter', () => {
  it('formats typed fields, complete and incomplete demos exactly as DSPy', () => {
    const messages = new ChatAdapter().format(
      signature,
      [
        { question: 'q1', k: 2, answers: ['a', 'b'], confidence: 0.5, verdict: 'yes' },
        { question: 'q0', answers: ['x'] },
      ],
      { question: 'Where?', k: 3 },
    )
    expect(messages).toEqual(golden.chat)
  })

  it('parses sections into typed values', () => {
    const parsed = new ChatAdapter().parse(
      signature,
      '[[ ## answers ## ]]\n["Paris", "Lyon"]\n\n[[ ## confidence ## ]]\n0.9\n\n[[ ## verdict ## ]]\n yes \n\n[[ ## completed ## ]]',
    )
    expect(parsed).toEqual({ answers: ['Paris', 'Lyon'], confidence: 0.9, verdict: 'yes' })
  })

  it('raises a typed AdapterParseError that names the missing fields', () => {
    const attempt = () => new ChatAdapter().parse(signature, '[[ ## answers ## ]]\n["a"]')
    expect(attempt).toThrow(AdapterParseError)
    expect(attempt).toThrow(
      /Expected to find output fields in the LM response: \[answers, confidence, verdict\]/,
    )
  })

  it('raises a typed error naming the field whose value cannot be parsed', () => {
    const attempt = () =>
      new ChatAdapter().parse(
        signature,
        '[[ ## answers ## ]]\n["a"]\n\n[[ ## confidence ## ]]\nvery\n\n[[ ## verdict ## ]]\nyes',
      )
    expect(attempt).toThrow(/Failed to parse field confidence with value very/)
  })
})

describe('JSONAdapter', () => {
  it('formats the JSON structure and JSON demo answers exactly as DSPy', () => {
    const messages = new JSONAdapter().format(
      signature,
      [{ question: 'q1', k: 2, answers: ['a', 'b'], confidence: 2.0, verdict: 'yes' }],
      { question: 'Where?', k: 3 },
    )
    expect(messages).toEqual(golden.json)
  })

  it('parses a JSON object found inside prose', () => {
    const parsed = new JSONAdapter().parse(
      signature,
      'Sure! {"answers": ["x"], "confidence": 1, "verdict": "no"} Hope it helps.',
    )
    expect(parsed).toMatchObject({ answers: ['x'], verdict: 'no' })
    expect(Number(parsed.confidence)).toBe(1)
  })
})
