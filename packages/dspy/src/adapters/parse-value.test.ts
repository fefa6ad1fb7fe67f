import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { PyFloat } from '../python/py-float.ts'
import { type FieldType, optionalType } from '../signatures/field-type.ts'
import { parseTypeExpression } from '../signatures/parse-type-expression.ts'
import { zodToFieldType } from '../signatures/zod-field-type.ts'
import { parseValue, ValueValidationError } from './parse-value.ts'

const address: FieldType = {
  kind: 'model',
  name: 'Address',
  fields: [
    { name: 'city', type: { kind: 'str' } },
    { name: 'zip', type: { kind: 'str' }, default: { value: '00000' } },
  ],
}
const person: FieldType = {
  kind: 'model',
  name: 'Person',
  fields: [
    { name: 'name', type: { kind: 'str' } },
    { name: 'age', type: { kind: 'int' } },
    { name: 'score', type: { kind: 'float' }, default: { value: 1.5 } },
    { name: 'tags', type: { kind: 'list', item: { kind: 'str' } }, default: { value: [] } },
    { name: 'address', type: optionalType(address), default: { value: null } },
  ],
}
const customTypes: Record<string, FieldType> = {
  Person: person,
  Sentiment: {
    kind: 'enum',
    name: 'Sentiment',
    members: [
      { name: 'POSITIVE', value: 'positive' },
      { name: 'NEGATIVE', value: 'negative' },
    ],
  },
  Priority: {
    kind: 'enum',
    name: 'Priority',
    members: [
      { name: 'LOW', value: 1 },
      { name: 'HIGH', value: 2 },
    ],
  },
}

function typeOf(source: string): FieldType {
  return parseTypeExpression(source, customTypes)
}

function errorMessage(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    return (error as Error).message
  }
  return 'no error'
}

// Every expected value or error message below is what DSPy 3.3.1's
// dspy.adapters.utils.parse_value(text, annotation) returned or raised in Python (pydantic
// 2.14, json_repair 0.64), the annotation coming from a signature string, or from
// equivalent pydantic models and Enums for Person, Sentiment and Priority.
describe('parseValue', () => {
  describe('str', () => {
    it.each<[string, string, unknown]>([
      ['str', 'hello world', 'hello world'],
      ['str', '  42  ', '  42  '],
      ['str', 'None', 'None'],
      ['str', '["a", "b"]', '["a", "b"]'],
    ])('%s ← %j', (type, text, expected) => {
      expect(parseValue(text, typeOf(type))).toEqual(expected)
    })
  })

  describe('int', () => {
    it.each<[string, string, unknown]>([
      ['int', '42', 42],
      ['int', '-7', -7],
      ['int', ' 3 ', 3],
      ['int', '3.0', 3],
      ['int', '1e3', 1000],
      ['int', '"12"', 12],
      ['int', 'true', 1],
      ['int', '+5', 5],
      ['int', '1_000', 1000],
      ['int', '0x1F', 31],
    ])('%s ← %j', (type, text, expected) => {
      expect(parseValue(text, typeOf(type))).toEqual(expected)
    })

    it.each<[string, string, string]>([
      [
        'int',
        '```json\n7\n```',
        "1 validation error for int\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='```json\\n7\\n```', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
      ],
      [
        'int',
        '3.5',
        '1 validation error for int\n  Input should be a valid integer, got a number with a fractional part [type=int_from_float, input_value=3.5, input_type=float]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_from_float',
      ],
      [
        'int',
        'abc',
        "1 validation error for int\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='abc', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
      ],
      [
        'int',
        '42 apples',
        "1 validation error for int\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='42 apples', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
      ],
      [
        'int',
        '',
        "1 validation error for int\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
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
        'int',
        '1,000',
        '1 validation error for int\n  Input should be a valid integer [type=int_type, input_value=(1, 0), input_type=tuple]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_type',
      ],
    ])('%s ← %j fails', (type, text, message) => {
      expect(() => parseValue(text, typeOf(type))).toThrow(message)
      expect(errorMessage(() => parseValue(text, typeOf(type)))).toBe(message)
    })
  })

  describe('float', () => {
    it.each<[string, string, unknown]>([
      ['float', '2', new PyFloat(2)],
      ['float', '2.5', 2.5],
      ['float', '2.0', new PyFloat(2)],
      ['float', '-0.5', -0.5],
      ['float', '1e-5', 1e-5],
      ['float', '"3.25"', 3.25],
      ['float', '.5', 0.5],
      ['float', 'inf', Number.POSITIVE_INFINITY],
    ])('%s ← %j', (type, text, expected) => {
      expect(parseValue(text, typeOf(type))).toEqual(expected)
    })

    it.each<[string, string, string]>([
      [
        'float',
        'abc',
        "1 validation error for float\n  Input should be a valid number, unable to parse string as a number [type=float_parsing, input_value='abc', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/float_parsing",
      ],
      [
        'float',
        '1/2',
        "1 validation error for float\n  Input should be a valid number, unable to parse string as a number [type=float_parsing, input_value='1/2', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/float_parsing",
      ],
    ])('%s ← %j fails', (type, text, message) => {
      expect(() => parseValue(text, typeOf(type))).toThrow(message)
      expect(errorMessage(() => parseValue(text, typeOf(type)))).toBe(message)
    })
  })

  describe('bool', () => {
    it.each<[string, string, unknown]>([
      ['bool', 'true', true],
      ['bool', 'True', true],
      ['bool', 'false', false],
      ['bool', 'yes', true],
      ['bool', 'no', false],
      ['bool', '1', true],
      ['bool', '0.0', false],
      ['bool', 'on', true],
      ['bool', '"false"', false],
    ])('%s ← %j', (type, text, expected) => {
      expect(parseValue(text, typeOf(type))).toEqual(expected)
    })

    it.each<[string, string, string]>([
      [
        'bool',
        'maybe',
        "1 validation error for bool\n  Input should be a valid boolean, unable to interpret input [type=bool_parsing, input_value='maybe', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/bool_parsing",
      ],
      [
        'bool',
        '2',
        '1 validation error for bool\n  Input should be a valid boolean, unable to interpret input [type=bool_parsing, input_value=2, input_type=int]\n    For further information visit https://errors.pydantic.dev/2.14/v/bool_parsing',
      ],
      [
        'bool',
        'None',
        '1 validation error for bool\n  Input should be a valid boolean [type=bool_type, input_value=None, input_type=NoneType]\n    For further information visit https://errors.pydantic.dev/2.14/v/bool_type',
      ],
    ])('%s ← %j fails', (type, text, message) => {
      expect(() => parseValue(text, typeOf(type))).toThrow(message)
      expect(errorMessage(() => parseValue(text, typeOf(type)))).toBe(message)
    })
  })

  describe('list[str]', () => {
    it.each<[string, string, unknown]>([
      ['list[str]', '["a", "b"]', ['a', 'b']],
      ['list[str]', "['a', 'b']", ['a', 'b']],
      ['list[str]', '```json\n["x", "y"]\n```', ['x', 'y']],
      ['list[str]', 'Here: ["a", "b",]', ['a', 'b']],
      ['list[str]', '["a", "b"', ['a', 'b']],
      ['list[str]', '[]', []],
    ])('%s ← %j', (type, text, expected) => {
      expect(parseValue(text, typeOf(type))).toEqual(expected)
    })

    it.each<[string, string, string]>([
      [
        'list[str]',
        'a, b',
        "1 validation error for list[str]\n  Input should be a valid list [type=list_type, input_value='a, b', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/list_type",
      ],
      [
        'list[str]',
        '[1, 2]',
        '2 validation errors for list[str]\n0\n  Input should be a valid string [type=string_type, input_value=1, input_type=int]\n    For further information visit https://errors.pydantic.dev/2.14/v/string_type\n1\n  Input should be a valid string [type=string_type, input_value=2, input_type=int]\n    For further information visit https://errors.pydantic.dev/2.14/v/string_type',
      ],
      [
        'list[str]',
        '- a\n- b',
        "1 validation error for list[str]\n  Input should be a valid list [type=list_type, input_value='- a\\n- b', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/list_type",
      ],
    ])('%s ← %j fails', (type, text, message) => {
      expect(() => parseValue(text, typeOf(type))).toThrow(message)
      expect(errorMessage(() => parseValue(text, typeOf(type)))).toBe(message)
    })
  })

  describe('list[int]', () => {
    it.each<[string, string, unknown]>([
      ['list[int]', '[1, 2, 3]', [1, 2, 3]],
      ['list[int]', '["1", "2"]', [1, 2]],
      ['list[int]', '[1, 2.0]', [1, 2]],
      ['list[int]', '1, 2, 3', [1, 2, 3]],
      ['list[int]', '(1, 2)', [1, 2]],
      ['list[int]', '{1, 2}', [1, 2]],
      ['list[int]', 'The numbers are [4, 5, 6].', [4, 5, 6]],
    ])('%s ← %j', (type, text, expected) => {
      expect(parseValue(text, typeOf(type))).toEqual(expected)
    })

    it.each<[string, string, string]>([
      [
        'list[int]',
        '[1, 2.5, "x"]',
        "2 validation errors for list[int]\n1\n  Input should be a valid integer, got a number with a fractional part [type=int_from_float, input_value=2.5, input_type=float]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_from_float\n2\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
      ],
    ])('%s ← %j fails', (type, text, message) => {
      expect(() => parseValue(text, typeOf(type))).toThrow(message)
      expect(errorMessage(() => parseValue(text, typeOf(type)))).toBe(message)
    })
  })

  describe('dict[str, Any]', () => {
    it.each<[string, string, unknown]>([
      [
        'dict[str, Any]',
        '{"a": 1, "b": [true, null], "c": 2.0}',
        { a: 1, b: [true, null], c: new PyFloat(2) },
      ],
      ['dict[str, Any]', "{'a': 1, 'b': None, 'c': True}", { a: 1, b: null, c: true }],
      ['dict[str, Any]', '{a: 1, b: "x"}', { a: 1, b: 'x' }],
      ['dict[str, Any]', '```json\n{"k": "v"}\n```', { k: 'v' }],
      ['dict[str, Any]', '{"a": 1, // comment\n "b": 2}', { a: 1, b: 2 }],
    ])('%s ← %j', (type, text, expected) => {
      expect(parseValue(text, typeOf(type))).toEqual(expected)
    })

    it.each<[string, string, string]>([
      [
        'dict[str, Any]',
        'not a dict',
        "1 validation error for dict[str,any]\n  Input should be a valid dictionary [type=dict_type, input_value='not a dict', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/dict_type",
      ],
      [
        'dict[str, Any]',
        '[1, 2]',
        '1 validation error for dict[str,any]\n  Input should be a valid dictionary [type=dict_type, input_value=[1, 2], input_type=list]\n    For further information visit https://errors.pydantic.dev/2.14/v/dict_type',
      ],
    ])('%s ← %j fails', (type, text, message) => {
      expect(() => parseValue(text, typeOf(type))).toThrow(message)
      expect(errorMessage(() => parseValue(text, typeOf(type)))).toBe(message)
    })
  })

  describe('dict[str, int]', () => {
    it.each<[string, string, unknown]>([
      ['dict[str, int]', '{"a": 1, "b": "2"}', { a: 1, b: 2 }],
      ['dict[str, int]', "{'x': 3, 'y': 4.0}", { x: 3, y: 4 }],
    ])('%s ← %j', (type, text, expected) => {
      expect(parseValue(text, typeOf(type))).toEqual(expected)
    })

    it.each<[string, string, string]>([
      [
        'dict[str, int]',
        '{"a": 1.5, "b": "x"}',
        "2 validation errors for dict[str,int]\na\n  Input should be a valid integer, got a number with a fractional part [type=int_from_float, input_value=1.5, input_type=float]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_from_float\nb\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
      ],
    ])('%s ← %j fails', (type, text, message) => {
      expect(() => parseValue(text, typeOf(type))).toThrow(message)
      expect(errorMessage(() => parseValue(text, typeOf(type)))).toBe(message)
    })
  })

  describe('Literal', () => {
    it.each<[string, string, unknown]>([
      ["Literal['positive', 'negative']", 'positive', 'positive'],
      ["Literal['positive', 'negative']", "'negative'", 'negative'],
      ["Literal['positive', 'negative']", ' "positive" ', 'positive'],
      ["Literal['positive', 'negative']", "Literal['positive']", 'positive'],
    ])('%s ← %j', (type, text, expected) => {
      expect(parseValue(text, typeOf(type))).toEqual(expected)
    })

    it.each<[string, string, string]>([
      [
        "Literal['positive', 'negative']",
        'neutral',
        "'neutral' is not one of ('positive', 'negative')",
      ],
      [
        "Literal['positive', 'negative']",
        'Positive',
        "'Positive' is not one of ('positive', 'negative')",
      ],
      ["Literal['only']", 'other', "'other' is not one of ('only',)"],
      ['Literal[1, 2, 3]', '2', "'2' is not one of (1, 2, 3)"],
    ])('%s ← %j fails', (type, text, message) => {
      expect(() => parseValue(text, typeOf(type))).toThrow(message)
      expect(errorMessage(() => parseValue(text, typeOf(type)))).toBe(message)
    })
  })

  describe('Optional', () => {
    it.each<[string, string, unknown]>([
      ['Optional[int]', '5', 5],
      ['Optional[int]', 'None', null],
      ['Optional[int]', 'null', null],
      ['Optional[str]', 'None', 'None'],
      ['Optional[str]', 'hello', 'hello'],
      ['Optional[str]', '42', '42'],
      ['Optional[float]', '3', new PyFloat(3)],
      ['Optional[bool]', 'None', null],
    ])('%s ← %j', (type, text, expected) => {
      expect(parseValue(text, typeOf(type))).toEqual(expected)
    })

    it.each<[string, string, string]>([
      [
        'Optional[int]',
        'x',
        "1 validation error for nullable[int]\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
      ],
      [
        'int | None',
        'none',
        "1 validation error for nullable[int]\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='none', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
      ],
    ])('%s ← %j fails', (type, text, message) => {
      expect(() => parseValue(text, typeOf(type))).toThrow(message)
      expect(errorMessage(() => parseValue(text, typeOf(type)))).toBe(message)
    })
  })

  describe('Union', () => {
    it.each<[string, string, unknown]>([
      ['Union[int, str]', '42', 42],
      ['Union[int, str]', 'hello', 'hello'],
      ['Union[int, str]', '"42"', '42'],
      ['Union[str, int]', '42', 42],
      ['Union[int, float]', '2.0', new PyFloat(2)],
      ['Union[float, int]', '2', 2],
      ['Union[int, list[int]]', '[1]', [1]],
      ['Union[int, str, None]', '7', '7'],
      ['Union[bool, int]', '1', 1],
    ])('%s ← %j', (type, text, expected) => {
      expect(parseValue(text, typeOf(type))).toEqual(expected)
    })

    it.each<[string, string, string]>([
      [
        'Union[int, float]',
        'abc',
        "2 validation errors for union[int,float]\nint\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='abc', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing\nfloat\n  Input should be a valid number, unable to parse string as a number [type=float_parsing, input_value='abc', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/float_parsing",
      ],
      [
        'Union[list[int], str]',
        '[1, "x"]',
        "2 validation errors for union[list[int],str]\nlist[int].1\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing\nstr\n  Input should be a valid string [type=string_type, input_value=[1, 'x'], input_type=list]\n    For further information visit https://errors.pydantic.dev/2.14/v/string_type",
      ],
    ])('%s ← %j fails', (type, text, message) => {
      expect(() => parseValue(text, typeOf(type))).toThrow(message)
      expect(errorMessage(() => parseValue(text, typeOf(type)))).toBe(message)
    })
  })

  describe('tuple and set', () => {
    it.each<[string, string, unknown]>([
      ['tuple[int, str]', '[1, "a"]', [1, 'a']],
      ['tuple[int, str]', "(1, 'a')", [1, 'a']],
      ['tuple[int, ...]', '[1, "2", 3]', [1, 2, 3]],
      ['tuple[int, int]', '1, 2', [1, 2]],
      ['set[int]', '[1, 2, 2]', new Set([1, 2])],
      ['set[str]', "{'a', 'b'}", new Set(['a', 'b'])],
    ])('%s ← %j', (type, text, expected) => {
      expect(parseValue(text, typeOf(type))).toEqual(expected)
    })

    it.each<[string, string, string]>([
      [
        'tuple[int, str]',
        '[1]',
        '1 validation error for tuple[int, str]\n1\n  Field required [type=missing, input_value=[1], input_type=list]\n    For further information visit https://errors.pydantic.dev/2.14/v/missing',
      ],
      [
        'tuple[int, str]',
        "[1, 'a', 2]",
        "1 validation error for tuple[int, str]\n  Tuple should have at most 2 items after validation, not 3 [type=too_long, input_value=[1, 'a', 2], input_type=list]\n    For further information visit https://errors.pydantic.dev/2.14/v/too_long",
      ],
    ])('%s ← %j fails', (type, text, message) => {
      expect(() => parseValue(text, typeOf(type))).toThrow(message)
      expect(errorMessage(() => parseValue(text, typeOf(type)))).toBe(message)
    })
  })

  describe('nested', () => {
    it.each<[string, string, unknown]>([
      ['list[list[int]]', '[[1, 2], [3]]', [[1, 2], [3]]],
      ['list[Optional[int]]', '[1, null, 3]', [1, null, 3]],
      ['Any', '{"a": 1}', { a: 1 }],
      ['Any', 'plain text', 'plain text'],
    ])('%s ← %j', (type, text, expected) => {
      expect(parseValue(text, typeOf(type))).toEqual(expected)
    })

    it.each<[string, string, string]>([
      [
        'list[dict[str, int]]',
        '[{"a": 1}, {"b": "x"}]',
        "1 validation error for list[dict[str,int]]\n1.b\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
      ],
      [
        'dict[str, list[int]]',
        '{"a": [1, "x"]}',
        "1 validation error for dict[str,list[int]]\na.1\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing",
      ],
    ])('%s ← %j fails', (type, text, message) => {
      expect(() => parseValue(text, typeOf(type))).toThrow(message)
      expect(errorMessage(() => parseValue(text, typeOf(type)))).toBe(message)
    })
  })

  describe('enum', () => {
    it.each<[string, string, unknown]>([
      ['Sentiment', 'positive', 'positive'],
      ['Sentiment', 'NEGATIVE', 'negative'],
      ['Priority', 'HIGH', 2],
      ['list[Sentiment]', '["positive", "negative"]', ['positive', 'negative']],
    ])('%s ← %j', (type, text, expected) => {
      expect(parseValue(text, typeOf(type))).toEqual(expected)
    })

    it.each<[string, string, string]>([
      ['Sentiment', ' positive', ' positive is not a valid name or value for the enum Sentiment'],
      ['Sentiment', 'neutral', 'neutral is not a valid name or value for the enum Sentiment'],
      ['Priority', '1', '1 is not a valid name or value for the enum Priority'],
      [
        'list[Sentiment]',
        '["POSITIVE"]',
        "1 validation error for list[enum[Sentiment]]\n0\n  Input should be 'positive' or 'negative' [type=enum, input_value='POSITIVE', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/enum",
      ],
    ])('%s ← %j fails', (type, text, message) => {
      expect(() => parseValue(text, typeOf(type))).toThrow(message)
      expect(errorMessage(() => parseValue(text, typeOf(type)))).toBe(message)
    })
  })

  describe('model', () => {
    it.each<[string, string, unknown]>([
      [
        'Person',
        '{"name": "Ann", "age": "30"}',
        { name: 'Ann', age: 30, score: 1.5, tags: [], address: null },
      ],
      [
        'Person',
        '{"name": "Bo", "age": 5, "score": 2, "tags": ["x"], "address": {"city": "Paris"}, "extra": 1}',
        {
          name: 'Bo',
          age: 5,
          score: new PyFloat(2),
          tags: ['x'],
          address: { city: 'Paris', zip: '00000' },
        },
      ],
      [
        'Person',
        "```json\n{'name': 'Cy', 'age': 40, 'address': None}\n```",
        { name: 'Cy', age: 40, score: 1.5, tags: [], address: null },
      ],
      [
        'list[Person]',
        '[{"name": "E", "age": 1}, {"name": "F", "age": 2, "score": 0.5}]',
        [
          { name: 'E', age: 1, score: 1.5, tags: [], address: null },
          { name: 'F', age: 2, score: 0.5, tags: [], address: null },
        ],
      ],
    ])('%s ← %j', (type, text, expected) => {
      expect(parseValue(text, typeOf(type))).toEqual(expected)
    })

    it.each<[string, string, string]>([
      [
        'Person',
        '{"name": "Di"}',
        "1 validation error for Person\nage\n  Field required [type=missing, input_value={'name': 'Di'}, input_type=dict]\n    For further information visit https://errors.pydantic.dev/2.14/v/missing",
      ],
      [
        'Person',
        '{"name": 1, "age": "x", "address": {"zip": 2}}',
        "4 validation errors for Person\nname\n  Input should be a valid string [type=string_type, input_value=1, input_type=int]\n    For further information visit https://errors.pydantic.dev/2.14/v/string_type\nage\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/int_parsing\naddress.city\n  Field required [type=missing, input_value={'zip': 2}, input_type=dict]\n    For further information visit https://errors.pydantic.dev/2.14/v/missing\naddress.zip\n  Input should be a valid string [type=string_type, input_value=2, input_type=int]\n    For further information visit https://errors.pydantic.dev/2.14/v/string_type",
      ],
      [
        'Person',
        'not json',
        "1 validation error for Person\n  Input should be a valid dictionary or instance of Person [type=model_type, input_value='not json', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/model_type",
      ],
      [
        'list[Person]',
        '[{"name": "E", "age": 1}, "x"]',
        "1 validation error for list[Person]\n1\n  Input should be a valid dictionary or instance of Person [type=model_type, input_value='x', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.14/v/model_type",
      ],
    ])('%s ← %j fails', (type, text, message) => {
      expect(() => parseValue(text, typeOf(type))).toThrow(message)
      expect(errorMessage(() => parseValue(text, typeOf(type)))).toBe(message)
    })
  })

  describe('representation', () => {
    it('returns integral floats as PyFloat so that they print as 2.0', () => {
      expect(parseValue('2', { kind: 'float' })).toEqual(new PyFloat(2))
      expect(parseValue('2.5', { kind: 'float' })).toBe(2.5)
    })

    it('leaves non-string values to validation (JSONAdapter fields)', () => {
      expect(parseValue(3, { kind: 'int' })).toBe(3)
      expect(parseValue(new PyFloat(2), { kind: 'str' })).toBe('2.0')
      expect(parseValue({ a: 1 }, { kind: 'str' })).toBe("{'a': 1}")
      expect(parseValue(['1'], typeOf('list[int]'))).toEqual([1])
    })

    it('throws a ValueValidationError carrying the issues', () => {
      try {
        parseValue('[1, "x"]', typeOf('list[int]'))
        expect.unreachable()
      } catch (error) {
        expect(error).toBeInstanceOf(ValueValidationError)
        expect((error as ValueValidationError).issues).toEqual([
          {
            loc: [1],
            type: 'int_parsing',
            msg: 'Input should be a valid integer, unable to parse string as an integer',
            input: 'x',
          },
        ])
      }
    })
  })

  describe('zod models', () => {
    const Rating = z
      .object({
        label: z.string().min(2),
        stars: z.number().int().min(1).max(5),
        note: z.string().optional(),
      })
      .meta({ title: 'Rating' })

    it('validates like pydantic, then applies the refinements', () => {
      const type = zodToFieldType(Rating)
      expect(parseValue('{"label": "ok", "stars": "4"}', type)).toEqual({
        label: 'ok',
        stars: 4,
        note: null,
      })
      expect(errorMessage(() => parseValue('{"label": "ok", "stars": 9}', type))).toMatch(
        /^1 validation error for Rating\nstars\n {2}Value error, Too big: expected number to be <=5 \[type=value_error, input_value=9, input_type=int\]/,
      )
    })
  })
})
