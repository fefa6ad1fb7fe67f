import { z } from 'zod'
import { runWithCallbacks } from '../callbacks/with-callbacks.ts'
import { DspyError, InvalidArgumentError } from '../errors/dspy-error.ts'
import { pythonRepr } from '../python/py-repr.ts'
import { resolveFieldType } from '../signatures/field.ts'
import type { FieldType } from '../signatures/field-type.ts'
import { pydanticJsonSchema } from '../signatures/type-json-schema.ts'
import { isZodSchema } from '../signatures/zod-field-type.ts'

/** A JSON schema, as DSPy keeps one per tool argument. */
export type JsonSchema = Record<string, unknown>

/**
 * A tool function: it takes ONE object of named arguments (TypeScript has no keyword arguments)
 * and may be async. Declared through a method so functions with narrower argument types fit.
 */
export type ToolFunction = {
  bivarianceHack(args: Record<string, unknown>): unknown
}['bivarianceHack']

/** Options of {@link Tool}, DSPy's `Tool(func, name, desc, args, arg_types, arg_desc)`. */
export interface ToolOptions {
  /** Default: the function's `name`. */
  name?: string
  /** The description shown to the LM (DSPy takes the docstring; TypeScript has none). */
  desc?: string
  /** Argument name → JSON schema (`{ city: { type: 'string' } }`); wins over `argTypes`. */
  args?: Record<string, JsonSchema>
  /** Argument name → Python type string (`'list[str]'`), field type or zod schema; `args` is derived. */
  argTypes?: Record<string, string | FieldType | z.ZodType>
  /** Argument name → description, added to its schema as `description`. */
  argDesc?: Record<string, string>
  /** Argument name → default value, added to its schema as `default` (DSPy reads the signature). */
  argDefaults?: Record<string, unknown>
  /** Accept arguments missing from `args` (DSPy's `has_kwargs`). Default: true when no args are declared. */
  hasKwargs?: boolean
}

/** Options of {@link Tool.fromZod}. */
export interface ToolFromZodOptions<Schema extends z.ZodObject> {
  schema: Schema
  name?: string
  desc?: string
}

/**
 * A tool call that cannot run: bad arguments, an unknown argument or a missing one (code `TOOL_ERROR`).
 *
 * @example
 * try {
 *   await weather.call({ city: 3 })
 * } catch (error) {
 *   if (error instanceof ToolError) console.log(error.argumentName) // 'city'
 * }
 */
export class ToolError extends DspyError {
  readonly toolName: string
  readonly argumentName: string | undefined
  constructor(options: {
    toolName: string
    argumentName?: string
    message: string
    cause?: unknown
  }) {
    super({ code: 'TOOL_ERROR', message: options.message, cause: options.cause })
    this.name = 'ToolError'
    this.toolName = options.toolName
    this.argumentName = options.argumentName
  }
}

/**
 * A function the LM may call, DSPy's `dspy.Tool`: a name, a description and one JSON schema per
 * argument. `call(args)` validates the arguments against those schemas, fills defaults, runs the
 * tool callbacks and awaits the function. `toString()` is DSPy's `str(tool)`, used in ReAct's
 * instructions.
 *
 * @example
 * const weather = new Tool(({ city }: { city: string }) => `Sunny in ${city}`, {
 *   name: 'get_weather',
 *   desc: 'Get the weather for a city.',
 *   args: { city: { type: 'string' } },
 * })
 * await weather.call({ city: 'Paris' }) // 'Sunny in Paris'
 * String(weather) // "get_weather, whose description is <desc>Get the weather for a city.</desc>. It takes arguments {'city': {'type': 'string'}}."
 */
export class Tool {
  readonly fn: ToolFunction
  readonly name: string
  readonly desc: string | undefined
  readonly args: Record<string, JsonSchema>
  readonly argTypes: Record<string, FieldType | z.ZodType>
  readonly hasKwargs: boolean
  /** Arguments that may be left out without a default (zod `.optional()`). */
  protected readonly optionalArgs: Set<string>
  /** The zod object schema of {@link Tool.fromZod}: it parses the arguments before the call. */
  protected zodSchema: z.ZodObject | undefined

  constructor(fn: ToolFunction, options: ToolOptions = {}) {
    if (typeof fn !== 'function') {
      throw new InvalidArgumentError({ message: 'A Tool wraps a function.' })
    }
    this.fn = fn
    this.name = options.name ?? fn.name
    if (!this.name) {
      throw new InvalidArgumentError({
        message: 'A tool needs a name: pass `name` for anonymous functions.',
      })
    }
    this.desc = options.desc || undefined
    this.argTypes = {}
    this.optionalArgs = new Set()
    this.zodSchema = undefined
    const types = options.argTypes ?? {}
    for (const [argument, type] of Object.entries(types)) {
      this.argTypes[argument] = isZodSchema(type) ? type : resolveFieldType(type, argument)
    }
    const args: Record<string, JsonSchema> = options.args
      ? structuredClone(options.args)
      : Object.fromEntries(
          Object.entries(this.argTypes).map(([name, type]) => [name, argumentSchema(type)]),
        )
    for (const [argument, value] of Object.entries(options.argDefaults ?? {})) {
      if (args[argument]) args[argument].default = value
    }
    for (const [argument, description] of Object.entries(options.argDesc ?? {})) {
      if (args[argument]) args[argument].description = description
    }
    this.args = args
    this.hasKwargs =
      options.hasKwargs ?? (options.args === undefined && options.argTypes === undefined)
  }

  /**
   * A tool whose arguments are the properties of a zod object schema: each becomes a JSON schema
   * in pydantic's form (sorted keys, `anyOf` unions, no zod-only keys), `.describe()` texts and
   * `.default()` values come last as DSPy adds them, and the call is parsed by the schema.
   *
   * @example
   * const search = Tool.fromZod(({ query }) => lookup(query), {
   *   name: 'search',
   *   desc: 'Search the web.',
   *   schema: z.object({ query: z.string().describe('What to look for') }),
   * })
   */
  static fromZod<Schema extends z.ZodObject>(
    fn: (args: z.infer<Schema>) => unknown,
    options: ToolFromZodOptions<Schema>,
  ): Tool {
    const args: Record<string, JsonSchema> = {}
    const optional: string[] = []
    for (const [argument, property] of Object.entries(
      options.schema.shape as Record<string, z.ZodType>,
    )) {
      args[argument] = zodArgumentSchema(property)
      if (property._zod.optin === 'optional' && !('default' in args[argument]))
        optional.push(argument)
    }
    const tool = new Tool(fn as ToolFunction, {
      name: options.name ?? fn.name,
      desc: options.desc,
      args,
      hasKwargs: false,
    })
    for (const argument of optional) tool.optionalArgs.add(argument)
    tool.zodSchema = options.schema
    Object.assign(tool.argTypes, options.schema.shape)
    return tool
  }

  /** Validates the arguments and runs the function (DSPy's `tool(**kwargs)` / `acall`), observed by callbacks. */
  call(args: Record<string, unknown> = {}): Promise<unknown> {
    return runWithCallbacks({
      kind: 'tool',
      instance: this,
      inputs: { kwargs: args },
      fn: async () => {
        const fn = this.fn
        return fn(this.validateAndParseArgs(args))
      },
    })
  }

  /** An alias of `call`, as DSPy's `acall`. */
  acall(args: Record<string, unknown> = {}): Promise<unknown> {
    return this.call(args)
  }

  /** Checks names, required arguments and JSON-schema types; fills defaults; zod-parses when built from zod. */
  protected validateAndParseArgs(args: Record<string, unknown>): Record<string, unknown> {
    if (args === null || typeof args !== 'object' || Array.isArray(args)) {
      throw new ToolError({
        toolName: this.name,
        message: `The arguments of ${this.name} must be an object.`,
      })
    }
    const fail = (argumentName: string, message: string): never => {
      throw new ToolError({ toolName: this.name, argumentName, message })
    }
    const parsed: Record<string, unknown> = {}
    for (const [argument, value] of Object.entries(args)) {
      const schema = this.args[argument]
      if (!schema) {
        if (!this.hasKwargs) fail(argument, `Arg ${argument} is not in the tool's args.`)
      } else {
        const problem = schemaViolation(value, schema)
        if (problem) fail(argument, `Arg ${argument} is invalid: ${problem}`)
      }
      parsed[argument] = value
    }
    for (const [argument, schema] of Object.entries(this.args)) {
      if (argument in parsed) continue
      if ('default' in schema) parsed[argument] = structuredClone(schema.default)
      else if (!this.optionalArgs.has(argument))
        fail(argument, `Arg ${argument} is required but missing.`)
    }
    if (!this.zodSchema) return parsed
    const result = this.zodSchema.safeParse(parsed)
    if (result.success) return result.data as Record<string, unknown>
    const issue = result.error.issues[0]!
    const argument = String(issue.path[0] ?? '')
    return fail(argument, `Arg ${argument} is invalid: ${issue.message}`)
  }

  /** DSPy's `format_as_litellm_function_call()`: the OpenAI function-calling declaration. */
  formatAsLitellmFunctionCall(): Record<string, unknown> {
    const required = Object.keys(this.args).filter(
      (argument) => !('default' in this.args[argument]!) && !this.optionalArgs.has(argument),
    )
    return {
      type: 'function',
      function: {
        name: this.name,
        description: this.desc ?? null,
        parameters: { type: 'object', properties: this.args, required },
      },
    }
  }

  /** DSPy's `Tool.format()`: the same text as `toString()`. */
  format(): string {
    return this.toString()
  }

  /** DSPy's `str(tool)`: name, the description in `<desc>` tags, and the Python repr of the argument schemas. */
  toString(): string {
    const desc = this.desc
      ? `, whose description is <desc>${this.desc}</desc>.`.replaceAll('\n', '  ')
      : '.'
    return `${this.name}${desc} It takes arguments ${pythonRepr(this.args)}.`
  }
}

/** The per-argument schema DSPy builds from an annotation: pydantic's, with `$ref`s inlined. */
function argumentSchema(type: FieldType | z.ZodType): JsonSchema {
  if (isZodSchema(type)) return zodArgumentSchema(type)
  const schema = pydanticJsonSchema(type)
  const definitions = (schema.$defs ?? {}) as Record<string, JsonSchema>
  const inline = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(inline)
    if (value === null || typeof value !== 'object') return value
    const reference = (value as JsonSchema).$ref
    if (typeof reference === 'string') return inline(definitions[reference.split('/').pop()!])
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, inline(entry)]))
  }
  const { $defs: _definitions, ...rest } = inline(schema) as JsonSchema
  return rest
}

/** One zod property as pydantic would describe the equivalent annotation, then DSPy's `default`/`description`. */
function zodArgumentSchema(property: z.ZodType): JsonSchema {
  const raw = z.toJSONSchema(property, { unrepresentable: 'any' }) as JsonSchema
  const { $schema: _schema, default: defaultValue, description, ...rest } = raw
  const schema = pydanticSort(normalizeZodSchema(rest), undefined) as JsonSchema
  if (defaultValue !== undefined) schema.default = defaultValue
  if (description !== undefined) schema.description = description
  return schema
}

/** Turns zod's JSON-schema idioms into pydantic's: `anyOf` for type lists, no zod-only keys, titled properties. */
function normalizeZodSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeZodSchema)
  if (value === null || typeof value !== 'object') return value
  const schema = Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [
      key,
      key === 'default' || key === 'const' ? entry : normalizeZodSchema(entry),
    ]),
  ) as JsonSchema
  if (Array.isArray(schema.type)) {
    const { type, ...others } = schema
    return { ...others, anyOf: (type as string[]).map((single) => ({ type: single })) }
  }
  if (schema.type === 'integer' && schema.minimum === Number.MIN_SAFE_INTEGER) delete schema.minimum
  if (schema.type === 'integer' && schema.maximum === Number.MAX_SAFE_INTEGER) delete schema.maximum
  if (schema.type === 'object') {
    if (schema.additionalProperties === false) delete schema.additionalProperties
    const keys = schema.propertyNames as JsonSchema | undefined
    if (keys && Object.keys(keys).length === 1 && keys.type === 'string')
      delete schema.propertyNames
    const values = schema.additionalProperties
    if (values && typeof values === 'object' && Object.keys(values).length === 0)
      schema.additionalProperties = true
  }
  if (schema.type === 'array' && schema.items === false) delete schema.items
  if (schema.properties && typeof schema.properties === 'object') {
    for (const [name, property] of Object.entries(
      schema.properties as Record<string, JsonSchema>,
    )) {
      if (!property.properties && property.title === undefined) property.title = pydanticTitle(name)
    }
  }
  return schema
}

function pydanticTitle(name: string): string {
  return name
    .replace(/[\p{L}]+/gu, (word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .replaceAll('_', ' ')
}

/** pydantic's `GenerateJsonSchema.sort`: keys alphabetical, except directly under `properties` and `default`. */
function pydanticSort(value: unknown, parentKey: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => pydanticSort(item, parentKey))
  if (value === null || typeof value !== 'object') return value
  let keys = Object.keys(value)
  if (parentKey !== 'properties' && parentKey !== 'default') keys = keys.sort()
  return Object.fromEntries(keys.map((key) => [key, pydanticSort((value as JsonSchema)[key], key)]))
}

const jsonTypeChecks: Record<string, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  integer: (value) => Number.isInteger(value),
  number: (value) => typeof value === 'number',
  boolean: (value) => typeof value === 'boolean',
  null: (value) => value === null,
  array: (value) => Array.isArray(value),
  object: (value) => value !== null && typeof value === 'object' && !Array.isArray(value),
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The first violation of the JSON-schema keywords that decide an argument's shape (`type`,
 * `const`, `enum`, `anyOf`/`oneOf`, `items`, `properties`, `required`, `additionalProperties`),
 * worded as Python's `jsonschema` words it, or undefined. Bounds (`minimum`, `maxLength`, ...)
 * are left to the function, or to the zod schema of {@link Tool.fromZod}.
 */
function schemaViolation(value: unknown, schema: unknown): string | undefined {
  if (schema === null || typeof schema !== 'object') return undefined
  const rules = schema as JsonSchema
  const shown = pythonRepr(value)
  const types = rules.type === undefined ? [] : [rules.type].flat().map(String)
  if (types.length > 0 && !types.some((type) => jsonTypeChecks[type]?.(value) ?? true)) {
    return `${shown} is not of type ${types.map((type) => `'${type}'`).join(', ')}`
  }
  if ('const' in rules && !same(rules.const, value))
    return `${pythonRepr(rules.const)} was expected`
  if (Array.isArray(rules.enum) && !rules.enum.some((option) => same(option, value))) {
    return `${shown} is not one of ${pythonRepr(rules.enum)}`
  }
  const options = rules.anyOf ?? rules.oneOf
  if (Array.isArray(options) && options.every((option) => schemaViolation(value, option))) {
    return `${shown} is not valid under any of the given schemas`
  }
  const nested: [unknown, unknown][] = []
  if (Array.isArray(value)) {
    for (const item of value) nested.push([item, rules.items])
  } else if (jsonTypeChecks.object!(value)) {
    const record = value as Record<string, unknown>
    for (const required of (rules.required ?? []) as string[]) {
      if (!(required in record)) return `${pythonRepr(required)} is a required property`
    }
    const properties = (rules.properties ?? {}) as Record<string, unknown>
    for (const [key, entry] of Object.entries(record)) {
      const extra = rules.additionalProperties
      if (!(key in properties) && extra === false) {
        return `Additional properties are not allowed (${pythonRepr(key)} was unexpected)`
      }
      nested.push([entry, key in properties ? properties[key] : extra])
    }
  }
  for (const [item, itemSchema] of nested) {
    const problem = schemaViolation(item, itemSchema)
    if (problem) return problem
  }
  return undefined
}
