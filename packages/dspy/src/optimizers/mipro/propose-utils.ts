import { Example } from '../../primitives/example.ts'
import type { Module } from '../../primitives/module.ts'
import { pythonStr } from '../../python/py-repr.ts'
import type { Signature } from '../../signatures/signature.ts'

// Python's `^[\*\s]*(([\w\'\-]+\s+){0,4}[\w\'\-]+):\s*` with Unicode `\w`.
const prefixPattern = /^[*\s]*(([\p{L}\p{N}_'-]+\s+){0,4}[\p{L}\p{N}_'-]+):\s*/u

/**
 * DSPy's `strip_prefix`: removes a leading label of up to five words and a colon
 * («Proposed Instruction: …», «**Summary:** …»), then the double quotes around the text.
 *
 * @example
 * stripPrefix('Proposed Instruction: "Answer briefly."') // 'Answer briefly.'
 */
export function stripPrefix(text: string): string {
  return text.replace(prefixPattern, '').replace(/^"+|"+$/g, '')
}

/** A field value of a demo (an Example or a plain record). */
function demoValue(demo: unknown, name: string): unknown {
  if (demo instanceof Example) return demo.get(name) ?? null
  return (demo as Record<string, unknown> | null)?.[name] ?? null
}

/** The field names of a demo (an Example or a plain record). */
export function demoKeys(demo: unknown): string[] {
  if (demo instanceof Example) return demo.keys()
  return demo && typeof demo === 'object' ? Object.keys(demo) : []
}

/**
 * DSPy's `create_example_string(fields, example)`: one line `"{prefix} {value}"` per signature
 * field (inputs, then outputs), with Python's `str()` of the value (`None` when absent).
 *
 * @example
 * createExampleString({ signature, example }) // 'Question: 2+2?\nAnswer: 4'
 */
export function createExampleString(options: { signature: Signature; example: unknown }): string {
  return options.signature.fields
    .map((field) => `${field.prefix} ${pythonStr(demoValue(options.example, field.name))}`)
    .join('\n')
}

/**
 * DSPy's `order_input_keys_in_string`: sorts the keys inside every `input_keys={...}` of a repr,
 * since Python prints sets in hash order.
 *
 * @example
 * orderInputKeysInString("(input_keys={'b', 'a'})") // "(input_keys={'a', 'b'})"
 */
export function orderInputKeysInString(text: string): string {
  return text.replace(/input_keys=\{([^}]+)\}/g, (_, keys: string) => {
    const sorted = keys
      .split(',')
      .map((key) => key.trim())
      .sort(compareCodePoints)
    return `input_keys={${sorted.join(', ')}}`
  })
}

/** Python's `repr()` of a list of Examples (`[Example({...}) (input_keys={...}), ...]`). */
export function examplesRepr(examples: readonly Example[]): string {
  return `[${examples.map((example) => example.toString()).join(', ')}]`
}

/** Built-in modules whose own source DSPy leaves out of the program code. */
const builtinModuleNames = new Set(['Predict', 'ChainOfThought'])

/**
 * The program code shown to the proposer, in the shape of DSPy's `get_dspy_source_code`: the
 * signatures of the predictors inside the program (each distinct one once), then the source of
 * the program's class. DSPy prints Python source; here it is the TypeScript source
 * (`program.constructor.toString()`), left out for a Predict or ChainOfThought as DSPy leaves
 * those out, so a bare Predict gives DSPy's `"\n\n"`.
 *
 * @example
 * programSourceCode(new QA()) // 'StringSignature(question -> answer ...)\n\nclass QA extends Module { ... }'
 */
export function programSourceCode(program: Module): string {
  const header: string[] = []
  for (const predictor of program.predictors()) {
    if (predictor === (program as unknown)) continue
    const signature = (predictor as unknown as { signature?: Signature }).signature
    const text = signature?.toString()
    if (text !== undefined && !header.includes(text)) header.push(text)
  }
  const base = builtinModuleNames.has(program.constructor.name)
    ? ''
    : program.constructor.toString()
  return `${header.join('\n\n')}\n\n${base}`
}

/** Python's string order (by code point). */
function compareCodePoints(a: string, b: string): number {
  const left = [...a]
  const right = [...b]
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const difference = left[index]!.codePointAt(0)! - right[index]!.codePointAt(0)!
    if (difference !== 0) return difference
  }
  return left.length - right.length
}
