import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { SignatureError } from '../errors/dspy-error.ts'
import { annotationName } from './annotation-name.ts'
import { InputField, OutputField } from './field.ts'
import { inferPrefix } from './infer-prefix.ts'
import { parseTypeExpression } from './parse-type-expression.ts'
import { Signature } from './signature.ts'
import { pydanticJsonSchema } from './type-json-schema.ts'
import { zodToFieldType } from './zod-field-type.ts'

describe('string signatures', () => {
  it('parses names and types, with DSPy default instructions and prefixes', () => {
    const signature = new Signature('question: str, k: int -> answers: list[str]')
    expect(signature.inputFields.map((field) => field.name)).toEqual(['question', 'k'])
    expect(signature.instructions).toBe(
      'Given the fields `question`, `k`, produce the fields `answers`.',
    )
    expect(signature.fields.map((field) => field.prefix)).toEqual(['Question:', 'K:', 'Answers:'])
    expect(signature.fields.map((field) => field.desc)).toEqual([
      '${question}',
      '${k}',
      '${answers}',
    ])
    expect(annotationName(signature.outputFields[0]!.type)).toBe('list[str]')
    expect(signature.signature).toBe('question, k -> answers')
  })

  it.each([
    ['question answer', /must contain exactly one '->'/],
    ['a -> b -> c', /must contain exactly one '->'/],
    ['a: widget -> b', /Unknown name: widget/],
    ['a -> a', /distinct names, but found duplicates: 'a'/],
    ['a b -> c', /Invalid field name 'a b'/],
    ['a: list[str -> b', /Expected '\]'/],
  ])('rejects %j with a typed error', (text, message) => {
    const attempt = () => new Signature(text)
    expect(attempt).toThrow(SignatureError)
    expect(attempt).toThrow(message)
  })

  it('gives unknown types their own error code', () => {
    try {
      new Signature('a: Widget -> b')
      expect.unreachable()
    } catch (error) {
      expect(SignatureError.isInstance(error) && error.code).toBe('SIGNATURE_UNKNOWN_TYPE')
    }
  })
})

describe('type names', () => {
  it.each([
    ['Optional[int]', 'Union[int, NoneType]'],
    ['int | None', 'Union[int, NoneType]'],
    ['dict[str, Any]', 'dict[str, Any]'],
    ["Literal['yes', \"it's\", 3]", "Literal['yes', \"it's\", 3]"],
    ['tuple[int, ...]', 'tuple[int, Ellipsis]'],
    ['Union[int, str]', 'Union[int, str]'],
    ['list', 'list'],
  ])('%s prints as %s', (source, expected) => {
    expect(annotationName(parseTypeExpression(source))).toBe(expected)
  })
})

describe('inferPrefix', () => {
  it.each([
    ['question', 'Question'],
    ['camelCaseText', 'Camel Case Text'],
    ['text2number', 'Text 2 Number'],
    ['HTMLParser', 'HTML Parser'],
    ['snake_case_text', 'Snake Case Text'],
  ])('%s → %s', (name, prefix) => expect(inferPrefix(name)).toBe(prefix))
})

describe('object signatures and derivations', () => {
  const Item = z
    .object({
      name: z.string().describe('the name'),
      price: z.number(),
      tags: z.array(z.string()).default([]),
    })
    .meta({ title: 'Item' })
  const signature = new Signature({
    name: 'Catalog',
    instructions: `
      Extract items.
        Keep order.
    `,
    fields: {
      text: InputField({ desc: 'raw text' }),
      items: OutputField({ type: z.array(Item) }),
      count: OutputField({ type: 'int', ge: 0, le: 100 }),
    },
  })

  it('cleans the docstring and keeps desc, constraints and types', () => {
    expect(signature.instructions).toBe('Extract items.\n  Keep order.')
    expect(signature.field('text')!.desc).toBe('raw text')
    expect(signature.field('count')!.constraints).toBe(
      'greater than or equal to: 0, less than or equal to: 100',
    )
    expect(annotationName(signature.field('items')!.type)).toBe('list[Item]')
  })

  it('builds pydantic-shaped JSON schemas from zod objects', () => {
    expect(pydanticJsonSchema(zodToFieldType(Item))).toEqual({
      properties: {
        name: { description: 'the name', title: 'Name', type: 'string' },
        price: { title: 'Price', type: 'number' },
        tags: { default: [], items: { type: 'string' }, title: 'Tags', type: 'array' },
      },
      required: ['name', 'price'],
      title: 'Item',
      type: 'object',
    })
  })

  it('derives new signatures without changing the original', () => {
    const withReasoning = signature.prepend('reasoning', OutputField())
    expect(withReasoning.outputFields.map((field) => field.name)).toEqual([
      'reasoning',
      'items',
      'count',
    ])
    expect(signature.outputFields.map((field) => field.name)).toEqual(['items', 'count'])
    expect(signature.withInstructions('New.').instructions).toBe('New.')
    expect(signature.appendInstructions('More.').instructions).toBe(
      'Extract items.\n  Keep order.\n\nMore.',
    )
    expect(signature.delete('count').outputFields.map((field) => field.name)).toEqual(['items'])
    expect(signature.append('note', InputField()).inputFields.map((field) => field.name)).toEqual([
      'text',
      'note',
    ])
    expect(signature.withUpdatedFields('text', { prefix: 'Body:' }).field('text')!.prefix).toBe(
      'Body:',
    )
    expect(() => signature.insert(5, 'x', InputField())).toThrow(/Invalid index to insert/)
    // As in DSPy, derived instructions are cleaned again (inspect.cleandoc): the indent of line 2 goes.
    expect(signature.withInstructions(signature.instructions).instructions).toBe(
      'Extract items.\nKeep order.',
    )
    const plain = new Signature('question -> answer', 'Answer briefly.')
    expect(plain.equals(plain.withInstructions('Answer briefly.'))).toBe(true)
    expect(plain.equals(plain.withInstructions('Answer at length.'))).toBe(false)
    expect(new Signature('question -> answer', '').instructions).toBe(
      'Given the fields `question`, produce the fields `answer`.',
    )
  })

  it('round-trips its state', () => {
    const state = signature.withInstructions('Saved.').dumpState()
    expect(state.fields[0]).toEqual({ prefix: 'Text:', description: 'raw text' })
    expect(signature.loadState(state).instructions).toBe('Saved.')
  })
})
