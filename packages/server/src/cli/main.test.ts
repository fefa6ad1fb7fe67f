import { describe, expect, it } from 'vitest'
import { createProgram } from './main.ts'

describe('dspyflow command line', () => {
  it('has server, its ui alias and db upgrade', () => {
    const program = createProgram()
    expect(program.commands.map((command) => command.name())).toEqual(['server', 'ui', 'db'])
    const db = program.commands.find((command) => command.name() === 'db')
    expect(db?.commands.map((command) => command.name())).toEqual(['upgrade'])
  })

  it.each(['server', 'ui'])('%s takes MLflow flags with MLflow defaults', (name) => {
    const command = createProgram().commands.find((candidate) => candidate.name() === name)
    const defaults = Object.fromEntries(
      (command?.options ?? []).map((option) => [option.long, option.defaultValue]),
    )
    expect(defaults).toMatchObject({
      '--backend-store-uri': 'sqlite:///mlflow.db',
      '--artifacts-destination': './mlartifacts',
      '--serve-artifacts': true,
      '--host': '127.0.0.1',
      '--port': 5000,
    })
    for (const flag of [
      '--default-artifact-root',
      '--no-serve-artifacts',
      '--workers',
      '--static-prefix',
      '--allowed-hosts',
      '--cors-allowed-origins',
    ]) {
      expect(Object.keys(defaults), flag).toContain(flag)
    }
    const host = command?.options.find((option) => option.long === '--host')
    expect([host?.short, host?.envVar]).toEqual(['-h', 'MLFLOW_HOST'])
  })
})
