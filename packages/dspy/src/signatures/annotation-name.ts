import type { FieldType, LiteralValue } from './field-type.ts'

function quoteLiteralString(text: string): string {
  const hasSingle = text.includes("'")
  const hasDouble = text.includes('"')
  if (hasSingle && !hasDouble) return `"${text}"`
  if (hasSingle && hasDouble) return `'${text.replaceAll("'", "\\'")}'`
  return `'${text}'`
}

function literalName(value: LiteralValue): string {
  if (typeof value === 'string') return quoteLiteralString(value)
  if (value === null) return 'None'
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  return String(value)
}

/** The type's name as DSPy prints it in prompts (`get_annotation_name`): `list[str]`, `Union[int, NoneType]`. */
export function annotationName(type: FieldType): string {
  switch (type.kind) {
    case 'str':
    case 'int':
    case 'float':
    case 'bool':
      return type.kind
    case 'none':
      return 'NoneType'
    case 'any':
      return 'Any'
    case 'list':
    case 'set':
      return type.item ? `${type.kind}[${annotationName(type.item)}]` : type.kind
    case 'dict':
      return type.key && type.value
        ? `dict[${annotationName(type.key)}, ${annotationName(type.value)}]`
        : 'dict'
    case 'tuple':
      return `tuple[${[...type.items.map(annotationName), ...(type.variadic ? ['Ellipsis'] : [])].join(', ')}]`
    case 'literal':
      return `Literal[${type.values.map(literalName).join(', ')}]`
    case 'union':
      return `Union[${type.options.map(annotationName).join(', ')}]`
    case 'model':
    case 'enum':
      return type.name
    case 'custom':
      return type.name === 'Reasoning' ? 'str' : type.name
  }
}
