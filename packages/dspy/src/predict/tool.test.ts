import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { CallEndEvent, CallStartEvent } from '../callbacks/callback.ts'
import { DspyError } from '../errors/dspy-error.ts'
import { configure, settings } from '../settings/settings.ts'
import { add, getWeather } from './__fixtures__/sample-tools.ts'
import { Tool, ToolError } from './tool.ts'

afterEach(() => settings.reset())

const pythonAddArgs =
  "{'x': {'type': 'integer'}, 'y': {'type': 'integer', 'default': 2}, 'note': {'anyOf': [{'type': 'string'}, {'type': 'null'}], 'default': None}, 'items': {'items': {'type': 'string'}, 'type': 'array', 'default': []}}"

describe('Tool.toString (DSPy str(tool))', () => {
  it('matches Python for a documented one-argument function', () => {
    expect(String(getWeather)).toBe(
      "get_weather, whose description is <desc>Get the weather for a city.</desc>. It takes arguments {'city': {'type': 'string'}}.",
    )
  })

  it('matches Python for typed arguments with defaults (newlines become two spaces)', () => {
    expect(add.toString()).toBe(
      `add, whose description is <desc>Add two      numbers.</desc>. It takes arguments ${pythonAddArgs}.`,
    )
    expect(add.format()).toBe(add.toString())
  })

  it('matches Python without a description, for float, bool, dict and Any arguments', () => {
    const tool = new Tool(() => 1, {
      name: 'nodoc',
      argTypes: { a: 'float', b: 'bool', c: 'dict[str, Any]', d: 'Any' },
    })
    expect(tool.toString()).toBe(
      "nodoc. It takes arguments {'a': {'type': 'number'}, 'b': {'type': 'boolean'}, 'c': {'additionalProperties': True, 'type': 'object'}, 'd': {}}.",
    )
  })

  it('takes the function name and accepts argument descriptions', () => {
    function lookup(_args: { id: number }) {
      return 'found'
    }
    const tool = new Tool(lookup, { args: { id: { type: 'integer' } }, argDesc: { id: 'The id' } })
    expect(tool.name).toBe('lookup')
    expect(tool.args).toEqual({ id: { type: 'integer', description: 'The id' } })
  })
})

describe('Tool.fromZod', () => {
  it('produces the per-argument schemas pydantic would (key order included)', () => {
    const tool = Tool.fromZod(({ x, y }) => x + y, {
      name: 'add',
      desc: 'Add two\n    numbers.',
      schema: z.object({
        x: z.number().int(),
        y: z.number().int().default(2),
        note: z.string().nullable().default(null),
        items: z.array(z.string()).default([]),
      }),
    })
    expect(tool.toString()).toBe(
      `add, whose description is <desc>Add two      numbers.</desc>. It takes arguments ${pythonAddArgs}.`,
    )
  })

  it('inlines nested objects as pydantic models and puts descriptions last', () => {
    const nested = z.object({ a: z.string() }).meta({ title: 'Nested' })
    const tool = Tool.fromZod(() => 'ok', {
      name: 'f',
      schema: z.object({
        n: nested,
        m: z.array(nested),
        q: z.string().describe('What to look for'),
      }),
    })
    const model =
      "{'properties': {'a': {'title': 'A', 'type': 'string'}}, 'required': ['a'], 'title': 'Nested', 'type': 'object'}"
    expect(tool.toString()).toBe(
      `f. It takes arguments {'n': ${model}, 'm': {'items': ${model}, 'type': 'array'}, 'q': {'type': 'string', 'description': 'What to look for'}}.`,
    )
  })

  it('parses the call with the schema: defaults, optional arguments and refinements', async () => {
    const seen: unknown[] = []
    const tool = Tool.fromZod(
      (args) => {
        seen.push(args)
        return args.k
      },
      {
        name: 'search',
        schema: z.object({
          query: z.string().refine((text) => text.length > 2, 'Query too short'),
          k: z.number().int().default(3),
          tag: z.string().optional(),
        }),
      },
    )
    expect(await tool.call({ query: 'paris' })).toBe(3)
    expect(seen).toEqual([{ query: 'paris', k: 3 }])
    await expect(tool.call({ query: 'p' })).rejects.toThrow('Arg query is invalid: Query too short')
    expect(tool.formatAsLitellmFunctionCall()).toMatchObject({
      function: { parameters: { required: ['query'] } },
    })
  })
})

describe('Tool.call', () => {
  it('validates arguments with typed errors naming the argument', async () => {
    const error = await add.call({ x: 'notint' }).catch((caught: unknown) => caught)
    expect(DspyError.isInstance(error) && error.code).toBe('TOOL_ERROR')
    expect(error).toBeInstanceOf(ToolError)
    expect((error as ToolError).argumentName).toBe('x')
    expect((error as Error).message).toBe("Arg x is invalid: 'notint' is not of type 'integer'")
    await expect(add.call({ x: 1, z: 2 })).rejects.toThrow("Arg z is not in the tool's args.")
    await expect(add.call({ y: 1 })).rejects.toThrow('Arg x is required but missing.')
    await expect(add.call({ x: 1, items: [1] })).rejects.toThrow(
      "Arg items is invalid: 1 is not of type 'string'",
    )
    await expect(add.call({ x: 1, note: 5 })).rejects.toThrow(
      '5 is not valid under any of the given schemas',
    )
    const choose = new Tool(() => 0, {
      name: 'choose',
      args: { kind: { enum: ['a', 'b'], type: 'string' } },
    })
    await expect(choose.call({ kind: 'c' })).rejects.toThrow(
      "Arg kind is invalid: 'c' is not one of ['a', 'b']",
    )
  })

  it('fills defaults, awaits async functions and accepts anything when no args are declared', async () => {
    expect(await add.call({ x: 40 })).toBe(42)
    const slow = new Tool(async ({ text }: { text: string }) => text.toUpperCase(), {
      name: 'shout',
    })
    expect(slow.hasKwargs).toBe(true)
    expect(await slow.call({ text: 'hi', extra: 1 })).toBe('HI')
    expect(() => new Tool(() => 1)).toThrow(/needs a name/)
  })

  it('runs the tool callbacks with DSPy inputs { kwargs }', async () => {
    const events: [string, unknown][] = []
    configure({
      callbacks: [
        {
          onToolStart: (event: CallStartEvent) => events.push(['start', event.inputs]),
          onToolEnd: (event: CallEndEvent) =>
            events.push(['end', event.outputs ?? (event.exception as Error).message]),
        },
      ],
    })
    await getWeather.call({ city: 'Paris' })
    await getWeather.call({ city: 3 }).catch(() => undefined)
    expect(events).toEqual([
      ['start', { kwargs: { city: 'Paris' } }],
      ['end', 'sunny in Paris'],
      ['start', { kwargs: { city: 3 } }],
      ['end', "Arg city is invalid: 3 is not of type 'string'"],
    ])
  })

  it('formats as a LiteLLM function call as DSPy does', () => {
    expect(add.formatAsLitellmFunctionCall()).toEqual({
      type: 'function',
      function: {
        name: 'add',
        description: 'Add two\n    numbers.',
        parameters: { type: 'object', properties: add.args, required: ['x'] },
      },
    })
  })
})
