import { Tool } from '../tool.ts'

/** A one-argument tool with a JSON-schema argument, shared by the Tool and ReAct tests. */
export const getWeather = new Tool(({ city }: { city: string }) => `sunny in ${city}`, {
  name: 'get_weather',
  desc: 'Get the weather for a city.',
  args: { city: { type: 'string' } },
})

/** Python: `def add(x: int, y: int = 2, note: str | None = None, items: list[str] = [])` with a two-line docstring. */
export const add = new Tool(({ x, y }: { x: number; y: number }) => x + y, {
  name: 'add',
  desc: 'Add two\n    numbers.',
  argTypes: { x: 'int', y: 'int', note: 'str | None', items: 'list[str]' },
  argDefaults: { y: 2, note: null, items: [] },
})
