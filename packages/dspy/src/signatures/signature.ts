import { InvalidArgumentError, SignatureError, StateError } from '../errors/dspy-error.ts'
import { pythonCleandoc } from '../python/py-text.ts'
import {
  type FieldDeclaration,
  type FieldOptions,
  type SignatureField,
  buildField,
  resolveFieldType,
} from './field.ts'
import type { FieldType } from './field-type.ts'
import { inferPrefix } from './infer-prefix.ts'
import { parseSignatureString } from './parse-signature-string.ts'
import type { CustomTypes } from './parse-type-expression.ts'

/** The object form of a signature, DSPy's class-based `dspy.Signature`. */
export interface SignatureDefinition {
  /** The class name (`StringSignature` when omitted). */
  name?: string
  /** The docstring; cleaned as Python's `inspect.cleandoc` does. Default: DSPy's default text. */
  instructions?: string
  /** Fields in declaration order; inputs are always listed before outputs. */
  fields: Record<string, FieldDeclaration>
}

/** Options when a signature is made from a string or a definition. */
export interface SignatureOptions {
  instructions?: string
  name?: string
  /** Extra type names a signature string may use (DSPy's `custom_types`). */
  customTypes?: CustomTypes
}

/** The saved form of a signature inside a predictor's state. */
export interface SignatureState {
  instructions: string
  fields: { prefix: string; description: string }[]
}

function defaultInstructions(
  inputs: readonly SignatureField[],
  outputs: readonly SignatureField[],
): string {
  const list = (fields: readonly SignatureField[]) =>
    fields.map((field) => `\`${field.name}\``).join(', ')
  return `Given the fields ${list(inputs)}, produce the fields ${list(outputs)}.`
}

/**
 * A declarative description of a task: named, typed input and output fields plus instructions.
 * Signatures are immutable: every derivation (`withInstructions`, `prepend`, ...) returns a new one.
 *
 * @example
 * const qa = new Signature('question -> answer: int', 'Answer with a number.')
 * const withContext = qa.prepend('context', InputField({ desc: 'facts' }))
 */
export class Signature {
  readonly name: string
  readonly instructions: string
  readonly inputFields: readonly SignatureField[]
  readonly outputFields: readonly SignatureField[]

  constructor(
    spec: string | SignatureDefinition | Signature,
    options: string | SignatureOptions = {},
  ) {
    const settings: SignatureOptions =
      typeof options === 'string' ? { instructions: options } : options
    if (spec instanceof Signature) {
      this.name = settings.name ?? spec.name
      this.inputFields = spec.inputFields
      this.outputFields = spec.outputFields
      this.instructions = settings.instructions ?? spec.instructions
      return
    }
    let inputs: SignatureField[]
    let outputs: SignatureField[]
    let instructions: string | undefined = settings.instructions
    if (typeof spec === 'string') {
      const parsed = parseSignatureString(spec, settings.customTypes)
      const toField = (role: 'input' | 'output') => (field: (typeof parsed.inputs)[number]) =>
        ({
          name: field.name,
          role,
          type: field.type,
          desc: `\${${field.name}}`,
          prefix: `${inferPrefix(field.name)}:`,
          typeUndefined: role === 'input' && field.typeUndefined,
        }) satisfies SignatureField
      inputs = parsed.inputs.map(toField('input'))
      outputs = parsed.outputs.map(toField('output'))
    } else {
      if (!spec || typeof spec !== 'object' || !spec.fields) {
        throw new SignatureError({
          message: 'A signature needs a string like "question -> answer" or { fields }.',
        })
      }
      const built = Object.entries(spec.fields).map(([name, declaration]) => {
        if (!declaration || (declaration.role !== 'input' && declaration.role !== 'output')) {
          throw new SignatureError({
            message: `Field '${name}' must be declared with InputField() or OutputField().`,
          })
        }
        return buildField({
          name,
          declaration,
          inferredPrefix: inferPrefix(name),
          customTypes: settings.customTypes,
        })
      })
      inputs = built.filter((field) => field.role === 'input')
      outputs = built.filter((field) => field.role === 'output')
      if (instructions !== undefined)
        instructions = instructions ? pythonCleandoc(instructions) : undefined
      else if (spec.instructions !== undefined) instructions = pythonCleandoc(spec.instructions)
      this.name = settings.name ?? spec.name ?? 'StringSignature'
      this.inputFields = inputs
      this.outputFields = outputs
      this.instructions = instructions ?? defaultInstructions(inputs, outputs)
      return
    }
    this.name = settings.name ?? 'StringSignature'
    this.inputFields = inputs
    this.outputFields = outputs
    this.instructions = instructions
      ? pythonCleandoc(instructions)
      : defaultInstructions(inputs, outputs)
  }

  /** Builds a signature directly from fields (DSPy's `Signature(fields, instructions)`). */
  static fromFields(options: {
    fields: SignatureField[]
    instructions?: string
    name?: string
  }): Signature {
    const signature = Object.create(Signature.prototype) as {
      -readonly [K in keyof Signature]: Signature[K]
    }
    signature.inputFields = options.fields.filter((field) => field.role === 'input')
    signature.outputFields = options.fields.filter((field) => field.role === 'output')
    signature.name = options.name ?? 'StringSignature'
    signature.instructions = options.instructions
      ? pythonCleandoc(options.instructions)
      : defaultInstructions(signature.inputFields, signature.outputFields)
    return signature as Signature
  }

  /** All fields: inputs first, then outputs. */
  get fields(): readonly SignatureField[] {
    return [...this.inputFields, ...this.outputFields]
  }

  /** `"a, b -> c"`. */
  get signature(): string {
    const names = (fields: readonly SignatureField[]) =>
      fields.map((field) => field.name).join(', ')
    return `${names(this.inputFields)} -> ${names(this.outputFields)}`
  }

  field(name: string): SignatureField | undefined {
    return this.fields.find((field) => field.name === name)
  }

  private derive(fields: SignatureField[], instructions = this.instructions): Signature {
    return Signature.fromFields({ fields, instructions, name: this.name })
  }

  withInstructions(instructions: string): Signature {
    return this.derive([...this.fields], instructions)
  }

  appendInstructions(instructions: string): Signature {
    return this.derive([...this.fields], `${this.instructions}\n\n${instructions}`)
  }

  /** A copy where one field gets a new type, desc or prefix (DSPy's `with_updated_fields`). */
  withUpdatedFields(
    name: string,
    changes: { type?: FieldOptions['type']; desc?: string; prefix?: string },
  ): Signature {
    return this.derive(
      this.fields.map((field) => {
        if (field.name !== name) return field
        const updated = { ...field }
        if (changes.desc !== undefined) updated.desc = changes.desc
        if (changes.prefix !== undefined) updated.prefix = changes.prefix
        if (changes.type !== undefined) {
          updated.type = resolveFieldType(changes.type, name)
          updated.typeUndefined = false
        }
        return updated
      }),
    )
  }

  /** Inserts a field among the inputs or outputs; negative indexes count from the end (-1 appends). */
  insert(
    index: number,
    name: string,
    declaration: FieldDeclaration,
    type?: string | FieldType,
  ): Signature {
    const options = type === undefined ? declaration.options : { ...declaration.options, type }
    const field = buildField({
      name,
      declaration: { role: declaration.role, options },
      inferredPrefix: inferPrefix(name),
    })
    const inputs = [...this.inputFields]
    const outputs = [...this.outputFields]
    const list = field.role === 'input' ? inputs : outputs
    const position = index < 0 ? index + list.length + 1 : index
    if (position < 0 || position > list.length) {
      throw new InvalidArgumentError({
        message: `Invalid index to insert: ${index}, index must be in the range of [${list.length - 1}, ${list.length}] for ${field.role} fields.`,
      })
    }
    list.splice(position, 0, field)
    return this.derive([...inputs, ...outputs])
  }

  prepend(name: string, declaration: FieldDeclaration, type?: string | FieldType): Signature {
    return this.insert(0, name, declaration, type)
  }

  append(name: string, declaration: FieldDeclaration, type?: string | FieldType): Signature {
    return this.insert(-1, name, declaration, type)
  }

  /** A copy without the named field; no error when it is absent. */
  delete(name: string): Signature {
    return this.derive(this.fields.filter((field) => field.name !== name))
  }

  /** Same instructions and the same fields (name, role, desc, prefix) in the same order. */
  equals(other: Signature): boolean {
    if (this.instructions !== other.instructions) return false
    const describe = (signature: Signature) =>
      JSON.stringify(
        signature.fields.map((field) => [field.name, field.role, field.desc, field.prefix]),
      )
    return describe(this) === describe(other)
  }

  dumpState(): SignatureState {
    return {
      instructions: this.instructions,
      fields: this.fields.map((field) => ({ prefix: field.prefix, description: field.desc })),
    }
  }

  /** A copy with the saved instructions and, by position, the saved prefixes and descriptions. */
  loadState(state: SignatureState): Signature {
    if (!state || typeof state.instructions !== 'string' || !Array.isArray(state.fields)) {
      throw new StateError({
        message: 'A signature state needs "instructions" (string) and "fields" (list).',
      })
    }
    const fields = this.fields.map((field, index) => {
      const saved = state.fields[index]
      if (!saved) return field
      return {
        ...field,
        prefix: saved.prefix ?? field.prefix,
        desc: saved.description ?? field.desc,
      }
    })
    return this.derive(fields, state.instructions)
  }

  toString(): string {
    return `${this.name}(${this.signature}\n    instructions=${JSON.stringify(this.instructions)}\n)`
  }
}

/** Accepts a signature or a signature string (DSPy's `ensure_signature`). */
export function ensureSignature(
  signature: string | Signature | SignatureDefinition,
  instructions?: string,
): Signature {
  if (signature instanceof Signature) {
    if (instructions !== undefined) {
      throw new InvalidArgumentError({
        message: "Don't specify instructions when initializing with a Signature",
      })
    }
    return signature
  }
  return new Signature(signature, instructions === undefined ? {} : { instructions })
}
