/**
 * The TypeScript side of the DSPy conformance suite: builds the language-neutral cases of
 * `conformance/dspy/cases/` with @dspyflow/dspy and writes what our library does with them as
 * JSON, for the pytest files to compare with DSPy 3.3.1 (`python_side.py` does the same there).
 *
 *   npx tsx conformance/dspy/ts_runner.ts format   conformance/dspy/cases/format_cases.json  out.json
 *   npx tsx conformance/dspy/ts_runner.ts parse    conformance/dspy/parse_cases.json         out.json
 *   npx tsx conformance/dspy/ts_runner.ts programs conformance/dspy/cases/program_cases.json out.json
 *   npx tsx conformance/dspy/ts_runner.ts state    conformance/dspy/cases/state_cases.json   out.json WORKDIR
 *
 * Values are plain JSON; a failure inside one case becomes `{ case_error: { error, message } }`
 * (or `{ error, message }` where the case itself expects an outcome), never a crash of the run.
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  eachCase,
  type FormatCase,
  type Json,
  type ParseCase,
  type ProgramCase,
  readCases,
  type StateCase,
} from './ts-runner/case-json.ts'
import { runFormatCase, runParseCase, runProgramCase } from './ts-runner/module-cases.ts'
import { runStateCase } from './ts-runner/state-cases.ts'

// ------------------------------------------------------------------------------------------
// command line

async function main(argv: string[]): Promise<number> {
  const [mode, casesPath, outPath, workdirArgument] = argv
  if (!mode || !casesPath || !outPath) {
    process.stderr.write(
      'usage: ts_runner.ts <format|parse|programs|state> <cases.json> <out.json> [workdir]\n',
    )
    return 2
  }
  let results: Record<string, Json>
  if (mode === 'format') results = await eachCase(readCases<FormatCase>(casesPath), runFormatCase)
  else if (mode === 'parse') results = await eachCase(readCases<ParseCase>(casesPath), runParseCase)
  else if (mode === 'programs')
    results = await eachCase(readCases<ProgramCase>(casesPath), runProgramCase)
  else if (mode === 'state') {
    const workdir = resolve(workdirArgument ?? '.')
    results = await eachCase(readCases<StateCase>(casesPath), (testCase) =>
      runStateCase(testCase, workdir),
    )
  } else {
    process.stderr.write(`unknown mode ${mode}\n`)
    return 2
  }
  writeFileSync(outPath, `${JSON.stringify(results, null, 2)}\n`)
  return 0
}

process.exitCode = await main(process.argv.slice(2))
