import { BaseLM } from '../../../lm/base-lm.ts'
import type { LmRequest, LmResponse } from '../../../lm/lm-types.ts'
import { Predict } from '../../../predict/predict.ts'
import { Example } from '../../../primitives/example.ts'
import { Module } from '../../../primitives/module.ts'
import { Prediction } from '../../../primitives/prediction.ts'

export const countries: Record<string, [region: string, capital: string]> = {
  France: ['Europe', 'Paris'],
  Spain: ['Europe', 'Madrid'],
  Italy: ['Europe', 'Rome'],
  Peru: ['Americas', 'Lima'],
  Chile: ['Americas', 'Santiago'],
  Kenya: ['Africa', 'Nairobi'],
  Egypt: ['Africa', 'Cairo'],
  Japan: ['Asia', 'Tokyo'],
  India: ['Asia', 'New Delhi'],
  Greece: ['Europe', 'Athens'],
}

function reply(text: string): LmResponse {
  return { choices: [{ text, finishReason: 'stop' }], usage: {}, model: 'scripted' }
}

function textOf(request: LmRequest, index: number): string {
  return String(request.messages.at(index)?.content ?? '')
}

/** Answers capitals only when the system prompt holds "CAPITAL RULE". */
export class CapitalLM extends BaseLM {
  constructor() {
    super('capital-lm', { cache: false })
  }
  protected async forward(request: LmRequest): Promise<LmResponse> {
    const country = Object.keys(countries).find((name) => textOf(request, -1).includes(name))!
    const answer = textOf(request, 0).includes('CAPITAL RULE') ? countries[country]![1] : "I don't know"
    return reply(`[[ ## answer ## ]]\n${answer}\n\n[[ ## completed ## ]]`)
  }
}

/**
 * The task LM of dspy-gepa-runs.py: REGION RULE fixes European regions (but breaks France),
 * CAPITAL RULE fixes non-European capitals (but breaks France).
 */
export class RegionCapitalLM extends BaseLM {
  constructor() {
    super('region-capital-lm', { cache: false })
  }
  protected async forward(request: LmRequest): Promise<LmResponse> {
    const system = textOf(request, 0)
    const country = Object.keys(countries).find((name) => textOf(request, -1).includes(name))!
    const [region, capital] = countries[country]!
    const outputs = system.split('Your output fields are:')[1]!.split('All interactions')[0]!
    if (outputs.includes('`region`')) {
      const rule = system.includes('REGION RULE')
      const ok = (rule && region === 'Europe' && country !== 'France') || (country === 'France' && !rule)
      return reply(`[[ ## region ## ]]\n${ok ? region : 'unknown'}\n\n[[ ## completed ## ]]`)
    }
    const rule = system.includes('CAPITAL RULE')
    const ok = (rule && region !== 'Europe') || (country === 'France' && !rule)
    return reply(`[[ ## answer ## ]]\n${ok ? capital : 'unknown'}\n\n[[ ## completed ## ]]`)
  }
}

/** A reflection LM that records its prompts and answers with the next scripted instruction. */
export class ReflectionLM extends BaseLM {
  readonly prompts: string[] = []
  constructor(
    readonly proposals: string[],
    readonly wrap: (text: string) => string = (text) => `\`\`\`\n${text}\n\`\`\``,
  ) {
    super('reflection-lm', { cache: false })
  }
  protected async forward(request: LmRequest): Promise<LmResponse> {
    this.prompts.push(textOf(request, -1))
    return reply(this.wrap(this.proposals[(this.prompts.length - 1) % this.proposals.length]!))
  }
}

export class RegionCapital extends Module {
  classify = new Predict('question -> region')
  answer = new Predict('question -> answer')
  async forward(inputs: Record<string, unknown>): Promise<Prediction> {
    const region = await this.classify.call({ question: inputs.question })
    const answer = await this.answer.call({ question: inputs.question })
    return new Prediction({ region: region.get('region'), answer: answer.get('answer') })
  }
}

export function capitalExample(country: string): Example {
  const [region, answer] = countries[country]!
  return new Example({ question: `What is the capital of ${country}?`, region, answer }).withInputs(
    'question',
  )
}
