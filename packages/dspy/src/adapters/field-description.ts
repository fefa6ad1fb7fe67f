import { pythonStrip } from '../python/py-text.ts'
import type { SignatureField } from '../signatures/field.ts'
import { annotationName } from '../signatures/annotation-name.ts'

/** DSPy's `get_field_description_string`: numbered lines `` 1. `name` (type): desc ``, stripped. */
export function fieldDescriptionString(fields: readonly SignatureField[]): string {
  const lines = fields.map((field, index) => {
    const desc = field.desc === `\${${field.name}}` ? '' : field.desc
    let line = `${index + 1}. \`${field.name}\` (${annotationName(field.type)}): ${desc}`
    if (field.constraints) line += `\nConstraints: ${field.constraints}`
    return line
  })
  return pythonStrip(lines.join('\n'))
}
