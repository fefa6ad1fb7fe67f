import { describe, expect, it } from 'vitest'
import { PyFloat } from '../python/py-float.ts'
import type { FieldType } from '../signatures/field-type.ts'
import { parseTypeExpression } from '../signatures/parse-type-expression.ts'
import { pythonLiteralEval } from '../utils/python-literal.ts'
import { validateValue } from './validate-value.ts'

const a: FieldType = { kind: 'model', name: 'A', fields: [{ name: 'x', type: { kind: 'int' } }] }
const b: FieldType = {
  kind: 'model',
  name: 'B',
  fields: [
    { name: 'x', type: { kind: 'int' } },
    { name: 'y', type: { kind: 'int' }, default: { value: 0 } },
  ],
}

function typeOf(source: string): FieldType {
  if (source === 'tuple[()]') return { kind: 'tuple', items: [], variadic: false }
  return parseTypeExpression(source, { A: a, B: b })
}

function errorMessage(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    return (error as Error).message
  }
  return 'no error'
}

// Inputs are Python literals (evaluated with ast.literal_eval / pythonLiteralEval); expected
// values and messages are what pydantic 2.14's TypeAdapter(annotation).validate_python printed
// (lax mode), with the Python type of each result noted. 48 valid, 45 invalid.
describe('validateValue', () => {
  it.each<[string, string, unknown]>([
    ['int', "'  12  '", 12], // int
    ['int', "'+3'", 3], // int
    ['int', "'3.000'", 3], // int
    ['int', "'1_000'", 1000], // int
    ['int', 'True', 1], // int
    ['int', '3.0', 3], // int
    ['float', "' 2.5 '", 2.5], // float
    ['float', "'1_000.5'", 1000.5], // float
    ['float', "'-Infinity'", Number.NEGATIVE_INFINITY], // float
    ['float', "'1.'", new PyFloat(1)], // float
    ['float', 'True', new PyFloat(1)], // float
    ['float', '2', new PyFloat(2)], // float
    ['bool', "'Yes'", true], // bool
    ['bool', "'OFF'", false], // bool
    ['bool', "'t'", true], // bool
    ['bool', "'n'", false], // bool
    ['bool', '1', true], // bool
    ['bool', '0.0', false], // bool
    ['str', "'x'", 'x'], // str
    ['Any', '(1, 2)', [1, 2]], // tuple
    ['Union[int, str]', "'3'", '3'], // str
    ['Union[int, str]', '3.0', 3], // int
    ['Union[int, str]', 'True', 1], // int
    ['Union[str, float]', '3', new PyFloat(3)], // float
    ['Union[float, int]', '3', 3], // int
    ['Union[int, float]', '3.0', new PyFloat(3)], // float
    ['Union[int, float]', "'3'", 3], // int
    ['Union[float, int]', "'3'", new PyFloat(3)], // float
    ['Union[bool, int]', '1', 1], // int
    ['Union[int, bool]', 'True', true], // bool
    ['Union[bool, int]', "'1'", true], // bool
    ['Union[bool, str]', "'true'", 'true'], // str
    ['Union[list[int], list[str]]', "['1']", ['1']], // list
    ['Union[tuple[int, ...], list[int]]', '[1]', [1]], // list
    ['Union[set[int], list[int]]', '{1}', new Set([1])], // set
    ['A', "{'x': '1'}", { x: 1 }], // A
    ['Union[A, B]', "{'x': 1, 'y': 2}", { x: 1, y: 2 }], // B
    ['Union[A, B]', "{'x': 1}", { x: 1 }], // A
    ['Union[A, dict[str, Any]]', "{'x': 1}", { x: 1 }], // A
    ['Union[dict[str, Any], A]', "{'x': 1}", { x: 1 }], // dict
    ['A', "{'x': 1, 'extra': 2}", { x: 1 }], // A
    ['list[int]', '(1, 2)', [1, 2]], // list
    ['list[int]', '{3}', [3]], // list
    ['set[int]', '[1, 1, 2, 1.0]', new Set([1, 2])], // set
    ['dict[str, int]', "{'a': '1', 'b': 2.0}", { a: 1, b: 2 }], // dict
    ['Literal[1, 2]', '1.0', 1], // int
    ['Literal[1, 2]', 'True', 1], // int
    ['Literal[True]', '1', true], // bool
  ])('%s ← %s', (type, input, expected) => {
    expect(validateValue(pythonLiteralEval(input), typeOf(type))).toEqual(expected)
  })

  it.each<[string, string, string]>([
    [
      'int',
      "'3.'",
      "1 validation error for int\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='3.', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
    ],
    [
      'int',
      "'1__0'",
      "1 validation error for int\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='1__0', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
    ],
    [
      'int',
      "'0x10'",
      "1 validation error for int\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='0x10', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
    ],
    [
      'int',
      '1e999',
      '1 validation error for int\n  Input should be a finite number [type=finite_number, input_value=inf, input_type=float]\n    For further information visit https://errors.pydantic.dev/2.14/v/finite_number',
    ],
    [
      'int',
      '9.3e18',
      '1 validation error for int\n  Unable to parse input string as an integer, exceeded maximum size [type=int_parsing_size, input_value=9.3e+18, input_type=float]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing_size',
    ],
    [
      'int',
      '[1]',
      '1 validation error for int\n  Input should be a valid integer [type=int_type, input_value=[1], input_type=list]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_type',
    ],
    [
      'int',
      'None',
      '1 validation error for int\n  Input should be a valid integer [type=int_type, input_value=None, input_type=NoneType]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_type',
    ],
    [
      'float',
      "'1e'",
      "1 validation error for float\n  Input should be a valid number, unable to parse string as a number [type=float_parsing, input_value='1e', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/float_parsing",
    ],
    [
      'float',
      "'x'",
      "1 validation error for float\n  Input should be a valid number, unable to parse string as a number [type=float_parsing, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/float_parsing",
    ],
    [
      'float',
      'None',
      '1 validation error for float\n  Input should be a valid number [type=float_type, input_value=None, input_type=NoneType]\n    For further information visit https://errors.pydantic.dev/2.14/v/float_type',
    ],
    [
      'bool',
      '2',
      '1 validation error for bool\n  Input should be a valid boolean, unable to interpret input [type=bool_parsing, input_value=2, input_type=int]\n    For further information visit https://errors.pydantic.dev/2.14/v/bool_parsing',
    ],
    [
      'bool',
      '1.5',
      '1 validation error for bool\n  Input should be a valid boolean [type=bool_type, input_value=1.5, input_type=float]\n    For further information visit https://errors.pydantic.dev/2.14/v/bool_type',
    ],
    [
      'bool',
      "' true'",
      "1 validation error for bool\n  Input should be a valid boolean, unable to interpret input [type=bool_parsing, input_value=' true', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/bool_parsing",
    ],
    [
      'bool',
      'None',
      '1 validation error for bool\n  Input should be a valid boolean [type=bool_type, input_value=None, input_type=NoneType]\n    For further information visit https://errors.pydantic.dev/2.14/v/bool_type',
    ],
    [
      'str',
      '1',
      '1 validation error for str\n  Input should be a valid string [type=string_type, input_value=1, input_type=int]\n    For further information visit https://errors.pydantic.dev/2.14/v/string_type',
    ],
    [
      'str',
      '1.5',
      '1 validation error for str\n  Input should be a valid string [type=string_type, input_value=1.5, input_type=float]\n    For further information visit https://errors.pydantic.dev/2.14/v/string_type',
    ],
    [
      'str',
      'True',
      '1 validation error for str\n  Input should be a valid string [type=string_type, input_value=True, input_type=bool]\n    For further information visit https://errors.pydantic.dev/2.14/v/string_type',
    ],
    [
      'str',
      'None',
      '1 validation error for str\n  Input should be a valid string [type=string_type, input_value=None, input_type=NoneType]\n    For further information visit https://errors.pydantic.dev/2.14/v/string_type',
    ],
    [
      'str',
      "['a']",
      "1 validation error for str\n  Input should be a valid string [type=string_type, input_value=['a'], input_type=list]\n    For further information visit https://errors.pydantic.dev/2.14/v/string_type",
    ],
    [
      'Union[int, str]',
      '3.5',
      '2 validation errors for union[int,str]\nint\n  Input should be a valid integer, got a number with a fractional part [type=int_from_float, input_value=3.5, input_type=float]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_from_float\nstr\n  Input should be a valid string [type=string_type, input_value=3.5, input_type=float]\n    For further information visit https://errors.pydantic.dev/2.14/v/string_type',
    ],
    [
      'Optional[int]',
      "'x'",
      "1 validation error for nullable[int]\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
    ],
    [
      'Union[int, str, None]',
      '[1]',
      '2 validation errors for nullable[union[int,str]]\nint\n  Input should be a valid integer [type=int_type, input_value=[1], input_type=list]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_type\nstr\n  Input should be a valid string [type=string_type, input_value=[1], input_type=list]\n    For further information visit https://errors.pydantic.dev/2.14/v/string_type',
    ],
    [
      'Union[list[int], str]',
      "[1, 'x']",
      "2 validation errors for union[list[int],str]\nlist[int].1\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing\nstr\n  Input should be a valid string [type=string_type, input_value=[1, 'x'], input_type=list]\n    For further information visit https://errors.pydantic.dev/2.14/v/string_type",
    ],
    [
      'A',
      '{}',
      '1 validation error for A\nx\n  Field required [type=missing, input_value={}, input_type=dict]\n    For further information visit https://errors.pydantic.dev/2.14/v/missing',
    ],
    [
      'A',
      "'x'",
      "1 validation error for A\n  Input should be a valid dictionary or instance of A [type=model_type, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/model_type",
    ],
    [
      'list[int]',
      "'[1]'",
      "1 validation error for list[int]\n  Input should be a valid list [type=list_type, input_value='[1]', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/list_type",
    ],
    [
      'list[int]',
      "{'a': 1}",
      "1 validation error for list[int]\n  Input should be a valid list [type=list_type, input_value={'a': 1}, input_type=dict]\n    For further information visit https://errors.pydantic.dev/2.14/v/list_type",
    ],
    [
      'set[int]',
      "'x'",
      "1 validation error for set[int]\n  Input should be a valid set [type=set_type, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/set_type",
    ],
    [
      'tuple[int, str]',
      '[1, 2]',
      '1 validation error for tuple[int, str]\n1\n  Input should be a valid string [type=string_type, input_value=2, input_type=int]\n    For further information visit https://errors.pydantic.dev/2.14/v/string_type',
    ],
    [
      'tuple[int, ...]',
      "'x'",
      "1 validation error for tuple[int, ...]\n  Input should be a valid tuple [type=tuple_type, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/tuple_type",
    ],
    [
      'tuple[()]',
      '[1]',
      '1 validation error for tuple[]\n  Tuple should have at most 0 items after validation, not 1 [type=too_long, input_value=[1], input_type=list]\n    For further information visit https://errors.pydantic.dev/2.14/v/too_long',
    ],
    [
      'dict[str, int]',
      "{'a': 'x', 3: 4}",
      "2 validation errors for dict[str,int]\na\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing\n3.[key]\n  Input should be a valid string [type=string_type, input_value=3, input_type=int]\n    For further information visit https://errors.pydantic.dev/2.14/v/string_type",
    ],
    [
      'dict[str, int]',
      "[('a', 1)]",
      "1 validation error for dict[str,int]\n  Input should be a valid dictionary [type=dict_type, input_value=[('a', 1)], input_type=list]\n    For further information visit https://errors.pydantic.dev/2.14/v/dict_type",
    ],
    [
      'dict',
      "'x'",
      "1 validation error for dict[any,any]\n  Input should be a valid dictionary [type=dict_type, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/dict_type",
    ],
    [
      'list',
      "'x'",
      "1 validation error for list[any]\n  Input should be a valid list [type=list_type, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/list_type",
    ],
    [
      "Literal['a', 'b']",
      "'c'",
      "1 validation error for literal['a','b']\n  Input should be 'a' or 'b' [type=literal_error, input_value='c', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/literal_error",
    ],
    [
      'Literal[1, 2]',
      "'1'",
      "1 validation error for literal[1,2]\n  Input should be 1 or 2 [type=literal_error, input_value='1', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/literal_error",
    ],
    [
      "Literal['a', 1, True]",
      "'x'",
      "1 validation error for literal['a',1,True]\n  Input should be 'a', 1 or True [type=literal_error, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/literal_error",
    ],
    [
      "Literal[None, 'a']",
      "'b'",
      "1 validation error for literal[None,'a']\n  Input should be None or 'a' [type=literal_error, input_value='b', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/literal_error",
    ],
    [
      'list[Optional[int]]',
      "[1, None, 'x']",
      "1 validation error for list[nullable[int]]\n2\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
    ],
    [
      'dict[str, list[int]]',
      "{'a': [1, 'x']}",
      "1 validation error for dict[str,list[int]]\na.1\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
    ],
    [
      'Optional[list[int]]',
      "'x'",
      "1 validation error for nullable[list[int]]\n  Input should be a valid list [type=list_type, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/list_type",
    ],
    [
      'int',
      "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'",
      "1 validation error for int\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='aaaaaaaaaaaaaaaaaaaaaaaa...aaaaaaaaaaaaaaaaaaaaaaa', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
    ],
    [
      'str',
      '[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39]',
      '1 validation error for str\n  Input should be a valid string [type=string_type, input_value=[0, 1, 2, 3, 4, 5, 6, 7, ... 34, 35, 36, 37, 38, 39], input_type=list]\n    For further information visit https://errors.pydantic.dev/2.14/v/string_type',
    ],
    [
      'int',
      "'éééééééééééééééééééééééééééééé'",
      "1 validation error for int\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='éééééééééééé...ééééééééééé', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
    ],
  ])('%s ← %s fails', (type, input, message) => {
    expect(errorMessage(() => validateValue(pythonLiteralEval(input), typeOf(type)))).toBe(message)
  })

  it('keeps the Python type of numbers: int, or float (PyFloat when integral)', () => {
    expect(validateValue(2, { kind: 'float' })).toBeInstanceOf(PyFloat)
    expect(validateValue(new PyFloat(3), { kind: 'int' })).toBe(3)
    expect(validateValue(new PyFloat(3), typeOf('Union[int, float]'))).toBeInstanceOf(PyFloat)
  })

  it('keeps dict keys as strings (Python gives an int key for dict[int, str])', () => {
    expect(validateValue({ '1': 'a' }, typeOf('dict[int, str]'))).toEqual({ '1': 'a' })
  })

  it('validates None', () => {
    expect(validateValue(null, { kind: 'none' })).toBeNull()
    expect(errorMessage(() => validateValue('None', { kind: 'none' }))).toMatch(
      /^1 validation error for none\n {2}Input should be None \[type=none_required, input_value='None', input_type=str\]/,
    )
  })
})
