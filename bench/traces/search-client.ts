/**
 * @module search-client
 * The search phase's HTTP client: `node:http` on one keep-alive socket, the answer kept as bytes
 * (off the JavaScript heap: answers kept for checking later are not copied by each young-generation
 * collection of the load generator). A search is timed from writing the request to the last byte of the
 * answer. The global `fetch` (undici, web streams) spent about half a millisecond of the load
 * generator's own CPU on each 90 KB answer — a quarter of what is measured on our side, noise
 * on the reference's — so both servers are measured with this lighter client.
 */
import { Agent, request } from 'node:http'

/** A finished exchange, or why there was none. */
export type PostOutcome =
  | { kind: 'answer'; status: number; body: Buffer; ms: number }
  | { kind: 'timeout' }
  | { kind: 'error'; message: string }

/** POSTs JSON bodies to one server, one at a time, on a kept-alive connection. */
export class SearchClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 })

  constructor(private readonly baseUrl: string) {}

  /**
   * Sends one JSON body; a request taking over `timeoutMs` is abandoned (its socket destroyed).
   * A failure on a kept-alive socket the server closed while idle is retried once.
   *
   * @example
   * const outcome = await client.post('/api/3.0/mlflow/traces/search', body, 60_000)
   */
  async post(path: string, body: string, timeoutMs: number): Promise<PostOutcome> {
    const first = await this.once(path, body, timeoutMs)
    return first.kind === 'error' ? this.once(path, body, timeoutMs) : first
  }

  /** Closes the kept-alive socket. */
  close(): void {
    this.agent.destroy()
  }

  private once(path: string, body: string, timeoutMs: number): Promise<PostOutcome> {
    return new Promise((resolve) => {
      const start = performance.now()
      const outgoing = request(
        this.baseUrl + path,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (incoming) => {
          const chunks: Buffer[] = []
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
          incoming.on('end', () => {
            clearTimeout(timer)
            const ms = performance.now() - start
            const body = Buffer.concat(chunks)
            resolve({ kind: 'answer', status: incoming.statusCode ?? 0, body, ms })
          })
          incoming.on('error', (error) => {
            clearTimeout(timer)
            resolve({ kind: 'error', message: String(error) })
          })
        },
      )
      const timer = setTimeout(() => {
        outgoing.destroy()
        resolve({ kind: 'timeout' })
      }, timeoutMs)
      outgoing.on('error', (error) => {
        clearTimeout(timer)
        resolve({ kind: 'error', message: String(error) })
      })
      outgoing.end(body)
    })
  }
}
