/**
 * @module trace-factory
 * The traces bench/traces sends: deterministic, MLflow-shaped agent traces of 10 spans each, the
 * same bytes for every server. Trace `i` is one agent run: a CHAIN root `agent_run`, four LLM
 * calls `ChatOpenAI` (token usage, model, provider) each followed by a TOOL call, and a CHAIN
 * `format_answer`. Span attributes follow MLflow's conventions: `mlflow.spanType`,
 * `mlflow.traceRequestId`, `mlflow.spanInputs` / `mlflow.spanOutputs` as JSON text of a few
 * hundred bytes, `mlflow.chat.tokenUsage` on LLM spans, and two trace tags on the root span as
 * `mlflow.traceTag.<key>` attributes (how MLflow's OTel span processor exports them).
 *
 * Trace `i` starts `TRACE_SPACING_MS` after trace `i - 1`, from `BASE_TIME_MS`; its spans follow
 * each other inside it, so a timestamp range selects a known set of traces.
 */
import type { OtlpSpanInput } from '../../packages/server/src/otlp/index.ts'

/** Spans in each trace. */
export const SPANS_PER_TRACE = 10
/** The start of trace 0, in ms since the epoch (2025-10-09). */
export const BASE_TIME_MS = 1_760_000_000_000
/** Start-to-start distance of consecutive traces. */
export const TRACE_SPACING_MS = 1000
/** Values of the `customer` trace tag: trace `i` has `CUSTOMERS[i % CUSTOMERS.length]`. */
export const CUSTOMERS = Array.from({ length: 10 }, (_, index) => `customer-${index}`)
/** The tools the agent calls; trace `i` calls {@link toolsOf}(i). */
export const TOOLS = [
  'search_docs',
  'get_weather',
  'lookup_order',
  'sql_query',
  'send_email',
  'calculator',
  'fetch_url',
  'read_file',
  'create_ticket',
  'translate',
  'get_stock_price',
  'summarize_pdf',
  'list_calendar',
  'book_meeting',
  'check_inventory',
  'refund_payment',
  'geocode',
  'run_python',
  'search_web',
  'get_user_profile',
] as const

const MS_NS = 1_000_000n

/** The OTel trace id (32 hex digits) of trace `i`. */
export function traceIdHex(index: number): string {
  return `5eed${index.toString(16).padStart(28, '0')}`
}

/** The MLflow trace id (`tr-` + the OTel trace id) of trace `i`. */
export function mlflowTraceId(index: number): string {
  return `tr-${traceIdHex(index)}`
}

/** The span id (16 hex digits) of span `position` (0 … 9) of trace `index`. */
export function spanIdHex(index: number, position: number): string {
  return `5a${(index * SPANS_PER_TRACE + position).toString(16).padStart(14, '0')}`
}

/** The position (0 … 9) of a span id of trace `index` in that trace. */
export function spanPosition(index: number, spanId: string): number {
  return Number.parseInt(spanId.slice(2), 16) - index * SPANS_PER_TRACE
}

/** The four tools trace `i` calls, in order. */
export function toolsOf(index: number): string[] {
  return [0, 1, 2, 3].map((call) => TOOLS[(index * 7 + call * 3) % TOOLS.length]!)
}

/** The start time of trace `i`, ms since the epoch. */
export function traceStartMs(index: number): number {
  return BASE_TIME_MS + index * TRACE_SPACING_MS
}

const QUESTIONS = [
  'What is the status of my last order and when will it arrive at the warehouse in Lyon?',
  'Summarise the quarterly revenue report and compare it with the forecast we sent in July.',
  'Find the three cheapest flights to Osaka next month and check the weather on arrival day.',
  'Which customers opened more than two support tickets this week, and what were they about?',
]

function llmInputs(index: number, call: number, question: string): string {
  return JSON.stringify({
    messages: [
      {
        role: 'system',
        content:
          'You are a helpful assistant for an operations team. Use the tools when they help, cite the tool results, and answer in at most five sentences.',
      },
      { role: 'user', content: question },
      ...(call > 0
        ? [{ role: 'tool', content: `Result ${call - 1} of trace ${index}: 3 records found.` }]
        : []),
    ],
    model: 'gpt-4o-mini',
    temperature: 0.2,
    max_tokens: 512,
  })
}

function llmOutputs(index: number, call: number, tool: string): string {
  return JSON.stringify({
    id: `chatcmpl-${index.toString(36)}-${call}`,
    object: 'chat.completion',
    model: 'gpt-4o-mini-2024-07-18',
    choices: [
      {
        index: 0,
        finish_reason: 'tool_calls',
        message: {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: `call_${index}_${call}`,
              type: 'function',
              function: { name: tool, arguments: JSON.stringify({ query: `item ${index % 997}` }) },
            },
          ],
        },
      },
    ],
  })
}

function toolOutputs(index: number, tool: string): string {
  return JSON.stringify({
    tool,
    results: [0, 1, 2].map((row) => ({
      id: `${tool}-${(index * 3 + row) % 100_003}`,
      score: Math.round(((index * 31 + row * 17) % 1000) / 10) / 100,
      text: `Record ${row} for request ${index}: shipped from the Lyon warehouse, tracking number ZX${(index * 97 + row) % 1_000_000}.`,
    })),
  })
}

/**
 * The 10 spans of trace `index` as OTLP span inputs for `encodeExportRequestProto`.
 *
 * @example
 * const spans = traceSpans(0)
 * spans.length // 10; spans[0] is the CHAIN root `agent_run`
 */
export function traceSpans(index: number): OtlpSpanInput[] {
  const traceId = traceIdHex(index)
  const requestId = mlflowTraceId(index)
  const start = BigInt(traceStartMs(index)) * MS_NS
  const rootId = spanIdHex(index, 0)
  const question = `${QUESTIONS[index % QUESTIONS.length]} (request ${index})`
  const tools = toolsOf(index)
  const ok = { code: 1 }
  const span = (
    position: number,
    name: string,
    type: string,
    fromMs: number,
    toMs: number,
    attributes: Record<string, string | bigint | { kvlist: { key: string; value: bigint }[] }>,
  ): OtlpSpanInput => ({
    traceId,
    spanId: spanIdHex(index, position),
    ...(position === 0 ? {} : { parentSpanId: rootId }),
    name,
    kind: 1,
    startTimeUnixNano: start + BigInt(fromMs) * MS_NS,
    endTimeUnixNano: start + BigInt(toMs) * MS_NS,
    attributes: {
      'mlflow.traceRequestId': requestId,
      'mlflow.spanType': type,
      ...attributes,
    },
    status: ok,
  })
  const spans: OtlpSpanInput[] = [
    span(0, 'agent_run', 'CHAIN', 0, 900, {
      'mlflow.spanInputs': JSON.stringify({ question, user_id: `user-${index % 5000}` }),
      'mlflow.spanOutputs': JSON.stringify({
        answer: `Your order ${index} left the Lyon warehouse yesterday and should arrive within two working days; the tracking number is ZX${(index * 97) % 1_000_000}.`,
      }),
      'mlflow.traceTag.customer': CUSTOMERS[index % CUSTOMERS.length]!,
      'mlflow.traceTag.app_version': `1.${index % 4}.0`,
    }),
  ]
  for (let call = 0; call < 4; call += 1) {
    const at = 10 + call * 200
    const inputTokens = BigInt(400 + ((index + call * 13) % 300))
    const outputTokens = BigInt(40 + ((index * 3 + call) % 120))
    spans.push(
      span(1 + call * 2, 'ChatOpenAI', 'LLM', at, at + 120, {
        'mlflow.spanInputs': llmInputs(index, call, question),
        'mlflow.spanOutputs': llmOutputs(index, call, tools[call]!),
        'mlflow.chat.tokenUsage': {
          kvlist: [
            { key: 'input_tokens', value: inputTokens },
            { key: 'output_tokens', value: outputTokens },
            { key: 'total_tokens', value: inputTokens + outputTokens },
          ],
        },
        'mlflow.llm.model': 'gpt-4o-mini',
        'mlflow.llm.provider': 'openai',
      }),
      span(2 + call * 2, tools[call]!, 'TOOL', at + 125, at + 195, {
        'mlflow.spanInputs': JSON.stringify({ query: `item ${index % 997}`, limit: 3 }),
        'mlflow.spanOutputs': toolOutputs(index, tools[call]!),
      }),
    )
  }
  spans.push(
    span(9, 'format_answer', 'CHAIN', 815, 895, {
      'mlflow.spanInputs': JSON.stringify({ draft: `Order ${index}: shipped, 2 days.` }),
      'mlflow.spanOutputs': JSON.stringify({ answer: `Order ${index} arrives in 2 days.` }),
    }),
  )
  return spans
}
