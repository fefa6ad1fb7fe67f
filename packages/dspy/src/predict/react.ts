import { ChatAdapter } from '../adapters/chat-adapter.ts'
import { DspyError } from '../errors/dspy-error.ts'
import { LmError } from '../errors/lm-error.ts'
import { Module } from '../primitives/module.ts'
import { Prediction } from '../primitives/prediction.ts'
import { settings } from '../settings/settings.ts'
import { InputField, OutputField } from '../signatures/field.ts'
import { Signature, type SignatureDefinition, ensureSignature } from '../signatures/signature.ts'
import { ChainOfThought } from './chain-of-thought.ts'
import { Predict } from './predict.ts'
import { Tool, type ToolFunction } from './tool.ts'

/** Options of {@link ReAct}. */
export interface ReActOptions {
  /** Tools, or plain functions wrapped with `new Tool(fn)` (give those a `name`). */
  tools: (Tool | ToolFunction)[]
  /** The most tool calls per call (DSPy's `max_iters`, default 20); a `maxIters` input overrides it. */
  maxIters?: number
}

type TrajectoryModule = { call(inputs: Record<string, unknown>): Promise<Prediction> }

const agentLines = [
  'Your goal is to use one or more of the supplied tools to collect any necessary information for producing',
  'To do this, you will interleave next_thought, next_tool_name, and next_tool_args in each turn, and also when finishing the task.',
  'After each tool call, you receive a resulting observation, which gets appended to your trajectory.\n',
  'When writing next_thought, you may reason about the current situation and plan for future steps.',
  'When selecting the next_tool_name and its next_tool_args, the tool must be one of:\n',
]

/** Whether an error is the LM's context-window overflow (DSPy's `ContextWindowExceededError`). */
function isContextWindowExceeded(error: unknown): error is DspyError {
  return DspyError.isInstance(error) && error.code === 'LM_CONTEXT_WINDOW_EXCEEDED'
}

/**
 * DSPy's `format_error_for_lm(error, traceback_frames=5)`: a newline, then the error and at most
 * five stack frames (the JavaScript stack stands in for Python's traceback).
 *
 * @example
 * formatErrorForLm(new Error('boom')) // '\nError: boom\n    at ...'
 */
export function formatErrorForLm(error: unknown, frames = 5): string {
  if (!(error instanceof Error)) return `\n${String(error)}`
  const header = `${error.name}: ${error.message}`
  const stack = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line))
  return `\n${[header, ...stack.slice(0, frames)].join('\n')}`
}

/**
 * DSPy's `ReAct` ("Reasoning and Acting"): an agent loop over any signature. Each turn, the `react`
 * predictor reads the inputs and the trajectory so far and picks a thought, a tool and its
 * arguments; the tool's observation joins the trajectory. When the agent calls `finish` (or after
 * `maxIters` turns) the `extract` ChainOfThought produces the signature's outputs.
 *
 * @example
 * const getWeather = new Tool(({ city }: { city: string }) => `Sunny in ${city}`, {
 *   name: 'get_weather', desc: 'Get the weather for a city.', args: { city: { type: 'string' } },
 * })
 * const agent = new ReAct('question -> answer', { tools: [getWeather] })
 * const { answer, trajectory } = (await agent.call({ question: 'Weather in Tokyo?' })).toDict()
 */
export class ReAct extends Module {
  signature: Signature
  maxIters: number
  tools: Record<string, Tool>
  react: Predict
  extract: ChainOfThought

  constructor(signature: string | Signature | SignatureDefinition, options: ReActOptions) {
    super()
    this.signature = ensureSignature(signature)
    this.maxIters = options.maxIters ?? 20
    const tools: Record<string, Tool> = {}
    for (const tool of options.tools ?? []) {
      const wrapped = tool instanceof Tool ? tool : new Tool(tool)
      tools[wrapped.name] = wrapped
    }
    const quoted = (fields: Signature['inputFields']) =>
      fields.map((field) => `\`${field.name}\``).join(', ')
    const inputs = quoted(this.signature.inputFields)
    const outputs = quoted(this.signature.outputFields)
    const instructions = this.signature.instructions ? [`${this.signature.instructions}\n`] : []
    instructions.push(
      `You are an Agent. In each episode, you will be given the fields ${inputs} as input. And you can see your past trajectory so far.`,
      `${agentLines[0]} ${outputs}.\n`,
      ...agentLines.slice(1),
    )
    tools.finish = new Tool(() => 'Completed.', {
      name: 'finish',
      desc: `Marks the task as complete. That is, signals that all information for producing the outputs, i.e. ${outputs}, are now available to be extracted.`,
      args: {},
    })
    for (const [index, tool] of Object.values(tools).entries()) {
      instructions.push(`(${index + 1}) ${tool}`)
    }
    instructions.push(
      'When providing `next_tool_args`, the value inside the field must be in JSON format',
    )
    const reactSignature = Signature.fromFields({
      fields: [...this.signature.inputFields],
      instructions: instructions.join('\n'),
    })
      .append('trajectory', InputField(), 'str')
      .append('next_thought', OutputField(), 'str')
      .append('next_tool_name', OutputField(), { kind: 'literal', values: Object.keys(tools) })
      .append('next_tool_args', OutputField(), 'dict[str, Any]')
    const extractSignature = Signature.fromFields({
      fields: [...this.signature.inputFields, ...this.signature.outputFields],
      instructions: this.signature.instructions || undefined,
    }).append('trajectory', InputField(), 'str')
    this.tools = tools
    this.react = new Predict(reactSignature)
    this.extract = new ChainOfThought(extractSignature)
  }

  /** The trajectory as ChatAdapter field blocks (`[[ ## thought_0 ## ]]` ...); empty → `''`. */
  formatTrajectory(trajectory: Record<string, unknown>): string {
    const current = settings.get('adapter') as Partial<ChatAdapter> | undefined
    const adapter =
      typeof current?.formatUserMessageContent === 'function'
        ? (current as ChatAdapter)
        : new ChatAdapter()
    const keys = Object.keys(trajectory)
    if (keys.length === 0) return ''
    return adapter.formatUserMessageContent(new Signature(`${keys.join(', ')} -> x`), trajectory)
  }

  async forward(inputs: Record<string, unknown>): Promise<Prediction> {
    const { maxIters, max_iters: pythonMaxIters, ...inputArgs } = inputs
    const iterations = (maxIters ?? pythonMaxIters ?? this.maxIters) as number
    const trajectory: Record<string, unknown> = {}
    for (let index = 0; index < iterations; index += 1) {
      let prediction: Prediction
      try {
        prediction = await this.callWithPotentialTrajectoryTruncation(
          this.react,
          trajectory,
          inputArgs,
        )
      } catch (error) {
        if (!isContextWindowExceeded(error)) throw error
        console.warn(`Ending the trajectory: ${formatErrorForLm(error)}`)
        break
      }
      const toolName = prediction.get('next_tool_name') as string
      const toolArgs = prediction.get('next_tool_args') as Record<string, unknown>
      trajectory[`thought_${index}`] = prediction.get('next_thought')
      trajectory[`tool_name_${index}`] = toolName
      trajectory[`tool_args_${index}`] = toolArgs
      try {
        const tool = this.tools[toolName]
        if (!tool) throw new Error(`'${toolName}'`)
        trajectory[`observation_${index}`] = await tool.call(toolArgs)
      } catch (error) {
        trajectory[`observation_${index}`] =
          `Execution error in ${toolName}: ${formatErrorForLm(error)}`
      }
      if (toolName === 'finish') break
    }
    const extracted = await this.callWithPotentialTrajectoryTruncation(
      this.extract,
      trajectory,
      inputArgs,
    )
    return new Prediction({ trajectory, ...Object.fromEntries(extracted.items()) })
  }

  /** Calls a sub-module; on context-window overflow drops the oldest tool call and retries (3 tries). */
  protected async callWithPotentialTrajectoryTruncation(
    module: TrajectoryModule,
    trajectory: Record<string, unknown>,
    inputArgs: Record<string, unknown>,
  ): Promise<Prediction> {
    let lastError: unknown
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        return await module.call({ ...inputArgs, trajectory: this.formatTrajectory(trajectory) })
      } catch (error) {
        if (!isContextWindowExceeded(error)) throw error
        console.warn(
          'Trajectory exceeded the context window, truncating the oldest tool call information.',
        )
        lastError = error
        this.truncateTrajectory(trajectory)
      }
    }
    throw new LmError({
      model: lastError instanceof LmError ? lastError.model : '',
      code: 'LM_CONTEXT_WINDOW_EXCEEDED',
      message: 'The context window was exceeded even after 3 attempts to truncate the trajectory.',
      cause: lastError,
    })
  }

  /** Removes the oldest tool call (its 4 keys) in place; override for other strategies. */
  truncateTrajectory(trajectory: Record<string, unknown>): Record<string, unknown> {
    const keys = Object.keys(trajectory)
    if (keys.length <= 4) {
      throw new LmError({
        model: '',
        code: 'LM_CONTEXT_WINDOW_EXCEEDED',
        message:
          'The trajectory is too long so your prompt exceeded the context window, but the trajectory cannot be truncated because it only has one tool call.',
      })
    }
    for (const key of keys.slice(0, 4)) delete trajectory[key]
    return trajectory
  }
}
