import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DspyError } from '../errors/dspy-error.ts'
import { LmError } from '../errors/lm-error.ts'
import type { LmRequest, LmResponse } from '../lm/lm-types.ts'
import { configure, settings } from '../settings/settings.ts'
import { DummyLM } from '../testing/dummy-lm.ts'
import { ReAct } from './react.ts'
import { add, getWeather } from './__fixtures__/sample-tools.ts'
import { Tool } from './tool.ts'

/** Printed by DSPy 3.3.1: `dspy.ReAct("question -> answer", tools=[get_weather, add]).react.signature.instructions`. */
const pythonInstructions =
  "Given the fields `question`, produce the fields `answer`.\n\nYou are an Agent. In each episode, you will be given the fields `question` as input. And you can see your past trajectory so far.\nYour goal is to use one or more of the supplied tools to collect any necessary information for producing `answer`.\n\nTo do this, you will interleave next_thought, next_tool_name, and next_tool_args in each turn, and also when finishing the task.\nAfter each tool call, you receive a resulting observation, which gets appended to your trajectory.\n\nWhen writing next_thought, you may reason about the current situation and plan for future steps.\nWhen selecting the next_tool_name and its next_tool_args, the tool must be one of:\n\n(1) get_weather, whose description is <desc>Get the weather for a city.</desc>. It takes arguments {'city': {'type': 'string'}}.\n(2) add, whose description is <desc>Add two      numbers.</desc>. It takes arguments {'x': {'type': 'integer'}, 'y': {'type': 'integer', 'default': 2}, 'note': {'anyOf': [{'type': 'string'}, {'type': 'null'}], 'default': None}, 'items': {'items': {'type': 'string'}, 'type': 'array', 'default': []}}.\n(3) finish, whose description is <desc>Marks the task as complete. That is, signals that all information for producing the outputs, i.e. `answer`, are now available to be extracted.</desc>. It takes arguments {}.\nWhen providing `next_tool_args`, the value inside the field must be in JSON format"

/** DSPy 3.3.1, `ReAct(Signature("question, context -> answer, score: int", "Answer well."), tools=[get_weather])`. */
const pythonTypedInstructions =
  "Answer well.\n\nYou are an Agent. In each episode, you will be given the fields `question`, `context` as input. And you can see your past trajectory so far.\nYour goal is to use one or more of the supplied tools to collect any necessary information for producing `answer`, `score`.\n\nTo do this, you will interleave next_thought, next_tool_name, and next_tool_args in each turn, and also when finishing the task.\nAfter each tool call, you receive a resulting observation, which gets appended to your trajectory.\n\nWhen writing next_thought, you may reason about the current situation and plan for future steps.\nWhen selecting the next_tool_name and its next_tool_args, the tool must be one of:\n\n(1) get_weather, whose description is <desc>Get the weather for a city.</desc>. It takes arguments {'city': {'type': 'string'}}.\n(2) finish, whose description is <desc>Marks the task as complete. That is, signals that all information for producing the outputs, i.e. `answer`, `score`, are now available to be extracted.</desc>. It takes arguments {}.\nWhen providing `next_tool_args`, the value inside the field must be in JSON format"

const respondReact =
  "Respond with the corresponding output fields, starting with the field `[[ ## next_thought ## ]]`, then `[[ ## next_tool_name ## ]]` (must be formatted as a valid Python Literal['get_weather', 'finish']), then `[[ ## next_tool_args ## ]]` (must be formatted as a valid Python dict[str, Any]), and then ending with the marker for `[[ ## completed ## ]]`."

beforeEach(() => vi.spyOn(console, 'warn').mockImplementation(() => undefined))
afterEach(() => {
  vi.restoreAllMocks()
  settings.reset()
})

describe('ReAct construction', () => {
  it("builds DSPy 3.3.1's instructions verbatim", () => {
    expect(
      new ReAct('question -> answer', { tools: [getWeather, add] }).react.signature.instructions,
    ).toBe(pythonInstructions)
    const typed = new ReAct('question, context -> answer, score: int', { tools: [getWeather] })
    expect(
      new ReAct(typed.signature.withInstructions('Answer well.'), { tools: [getWeather] }).react
        .signature.instructions,
    ).toBe(pythonTypedInstructions)
  })

  it('names its predictors react and extract.predict, with DSPy signatures', () => {
    const agent = new ReAct('question -> answer', { tools: [getWeather] })
    expect(agent.namedPredictors().map(([name]) => name)).toEqual(['react', 'extract.predict'])
    expect(agent.react.signature.signature).toBe(
      'question, trajectory -> next_thought, next_tool_name, next_tool_args',
    )
    expect(agent.extract.predict.signature.signature).toBe(
      'question, trajectory -> reasoning, answer',
    )
    expect(agent.extract.predict.signature.instructions).toBe(
      'Given the fields `question`, produce the fields `answer`.',
    )
    expect(agent.react.signature.field('next_tool_name')!.type).toEqual({
      kind: 'literal',
      values: ['get_weather', 'finish'],
    })
    expect(agent.react.signature.field('trajectory')!.prefix).toBe('Trajectory:')
    expect(Object.keys(agent.tools)).toEqual(['get_weather', 'finish'])
    expect(Object.keys(agent.dumpState())).toEqual(['react', 'extract.predict'])
  })

  it('wraps plain functions as tools', () => {
    function lookup() {
      return 'x'
    }
    expect(new ReAct('q -> a', { tools: [lookup] }).tools.lookup).toBeInstanceOf(Tool)
  })

  it('formats the trajectory as ChatAdapter field blocks, like DSPy', () => {
    const agent = new ReAct('question -> answer', { tools: [] })
    expect(agent.formatTrajectory({})).toBe('')
    const trajectory = {
      thought_0: 'I should look',
      tool_name_0: 'get_weather',
      tool_args_0: { city: 'Paris', n: 2, x: null, l: [1, 2.5] },
      observation_0: { temp: 20, ok: true },
      thought_1: 'num',
      tool_name_1: 'finish',
      tool_args_1: {},
      observation_1: 42,
      thought_2: ['a', 'b'],
    }
    expect(agent.formatTrajectory(trajectory)).toBe(
      '[[ ## thought_0 ## ]]\nI should look\n\n[[ ## tool_name_0 ## ]]\nget_weather\n\n[[ ## tool_args_0 ## ]]\n{"city": "Paris", "n": 2, "x": null, "l": [1, 2.5]}\n\n[[ ## observation_0 ## ]]\n{"temp": 20, "ok": true}\n\n[[ ## thought_1 ## ]]\nnum\n\n[[ ## tool_name_1 ## ]]\nfinish\n\n[[ ## tool_args_1 ## ]]\n{}\n\n[[ ## observation_1 ## ]]\n42\n\n[[ ## thought_2 ## ]]\n[1] «a»\n[2] «b»',
    )
  })
})

describe('ReAct.call', () => {
  it('calls tools until finish, then extracts; prompts match DSPy', async () => {
    const lm = new DummyLM([
      { next_thought: 'check', next_tool_name: 'get_weather', next_tool_args: { city: 'Paris' } },
      { next_thought: 'done', next_tool_name: 'finish', next_tool_args: {} },
      { reasoning: 'r', answer: 'sunny' },
    ])
    configure({ lm })
    const prediction = await new ReAct('question -> answer', { tools: [getWeather] }).call({
      question: 'weather?',
    })
    expect(prediction.toDict()).toEqual({
      trajectory: {
        thought_0: 'check',
        tool_name_0: 'get_weather',
        tool_args_0: { city: 'Paris' },
        observation_0: 'sunny in Paris',
        thought_1: 'done',
        tool_name_1: 'finish',
        tool_args_1: {},
        observation_1: 'Completed.',
      },
      reasoning: 'r',
      answer: 'sunny',
    })
    const userMessages = lm.history.map((entry) => entry.messages!.at(-1)!.content)
    expect(userMessages[0]).toBe(
      `[[ ## question ## ]]\nweather?\n\n[[ ## trajectory ## ]]\n\n\n${respondReact}`,
    )
    const firstStep =
      '[[ ## thought_0 ## ]]\ncheck\n\n[[ ## tool_name_0 ## ]]\nget_weather\n\n[[ ## tool_args_0 ## ]]\n{"city": "Paris"}\n\n[[ ## observation_0 ## ]]\nsunny in Paris'
    expect(userMessages[1]).toBe(
      `[[ ## question ## ]]\nweather?\n\n[[ ## trajectory ## ]]\n${firstStep}\n\n${respondReact}`,
    )
    expect(userMessages[2]).toBe(
      `[[ ## question ## ]]\nweather?\n\n[[ ## trajectory ## ]]\n${firstStep}\n\n[[ ## thought_1 ## ]]\ndone\n\n[[ ## tool_name_1 ## ]]\nfinish\n\n[[ ## tool_args_1 ## ]]\n{}\n\n[[ ## observation_1 ## ]]\nCompleted.\n\nRespond with the corresponding output fields, starting with the field \`[[ ## reasoning ## ]]\`, then \`[[ ## answer ## ]]\`, and then ending with the marker for \`[[ ## completed ## ]]\`.`,
    )
  })

  it('turns tool failures into observations and keeps going', async () => {
    const boom = new Tool(
      () => {
        throw new Error('kaboom')
      },
      { name: 'boom', desc: 'Boom.', args: { x: { type: 'integer' } } },
    )
    configure({
      lm: new DummyLM([
        { next_thought: 'a', next_tool_name: 'boom', next_tool_args: { x: 'notint' } },
        { next_thought: 'b', next_tool_name: 'boom', next_tool_args: { x: 1 } },
        { next_thought: 'c', next_tool_name: 'add', next_tool_args: { x: 1 } },
        { next_thought: 'd', next_tool_name: 'finish', next_tool_args: {} },
        { reasoning: 'r', answer: '3' },
      ]),
    })
    const { trajectory } = (
      await new ReAct('question -> answer', { tools: [boom, add] }).call({ question: 'q' })
    ).toDict() as {
      trajectory: Record<string, string>
    }
    expect(trajectory.observation_0).toMatch(
      /^Execution error in boom: \nToolError: Arg x is invalid: 'notint' is not of type 'integer'\n {4}at /,
    )
    expect(trajectory.observation_1).toMatch(/^Execution error in boom: \nError: kaboom\n {4}at /)
    expect(trajectory.observation_1!.split('\n').length).toBeLessThanOrEqual(7)
    expect(trajectory.observation_2).toBe(3)
    expect(trajectory.observation_3).toBe('Completed.')
  })

  it('stops after maxIters (or a per-call maxIters input) without finish', async () => {
    const step = {
      next_thought: 't',
      next_tool_name: 'get_weather',
      next_tool_args: { city: 'Oslo' },
    }
    const lm = new DummyLM([
      step,
      step,
      { reasoning: 'r', answer: 'a' },
      step,
      { reasoning: 'r', answer: 'b' },
    ])
    configure({ lm })
    const agent = new ReAct('question -> answer', { tools: [getWeather], maxIters: 2 })
    const first = await agent.call({ question: 'q' })
    expect(Object.keys(first.trajectory as object)).toHaveLength(8)
    const second = await agent.call({ question: 'q', maxIters: 1 })
    expect(Object.keys(second.trajectory as object)).toHaveLength(4)
    expect(second.answer).toBe('b')
    expect(lm.history).toHaveLength(5)
    expect(lm.history[4]!.messages!.at(-1)!.content).not.toContain('maxIters')
  })
})

/** A DummyLM whose prompts overflow the context window when they hold more than `limit` observations. */
class SmallContextLM extends DummyLM {
  constructor(
    answers: Record<string, unknown>[],
    readonly limit: number,
  ) {
    super(answers)
  }
  protected override forward(request: LmRequest & { cache: boolean }): Promise<LmResponse> {
    const text = String(request.messages.at(-1)!.content)
    if ((text.match(/\[\[ ## observation_\d+ ## \]\]/g) ?? []).length > this.limit) {
      throw new LmError({
        model: 'dummy',
        code: 'LM_CONTEXT_WINDOW_EXCEEDED',
        message: 'Context window exceeded',
      })
    }
    return super.forward(request)
  }
}

describe('ReAct context-window truncation', () => {
  it('drops the oldest tool call and retries', async () => {
    const step = (city: string) => ({
      next_thought: city,
      next_tool_name: 'get_weather',
      next_tool_args: { city },
    })
    const lm = new SmallContextLM(
      [
        step('A'),
        step('B'),
        step('C'),
        { next_thought: 'f', next_tool_name: 'finish', next_tool_args: {} },
        { reasoning: 'r', answer: 'done' },
      ],
      2,
    )
    configure({ lm })
    const prediction = await new ReAct('question -> answer', { tools: [getWeather] }).call({
      question: 'q',
    })
    expect(prediction.answer).toBe('done')
    const trajectory = prediction.trajectory as Record<string, unknown>
    expect(Object.keys(trajectory)[0]).toBe('thought_2')
    expect(trajectory.observation_3).toBe('Completed.')
    expect(console.warn).toHaveBeenCalledWith(
      'Trajectory exceeded the context window, truncating the oldest tool call information.',
    )
  })

  it('ends the loop, then fails with a context-window error when nothing can be dropped', async () => {
    configure({ lm: new SmallContextLM([], -1) })
    const error = await new ReAct('question -> answer', { tools: [getWeather] })
      .call({ question: 'q' })
      .catch((caught: unknown) => caught)
    expect(DspyError.isInstance(error) && error.code).toBe('LM_CONTEXT_WINDOW_EXCEEDED')
    expect((error as Error).message).toMatch(
      /cannot be truncated because it only has one tool call/,
    )
    expect(console.warn).toHaveBeenCalledWith(
      expect.stringMatching(/^Ending the trajectory: \nLmError: /),
    )
  })
})
