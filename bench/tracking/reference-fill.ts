/**
 * Tops the reference's search experiment up to the full run count by writing rows straight into
 * its SQLite file, because seeding 100,000 runs through its REST API takes far longer than the
 * benchmark's budget. Every new run is a copy of what the REST seeding wrote for run 0 (its
 * `runs` row with all of MLflow's columns, its tags), with the fields `seedRuns` varies set
 * as `seedRuns` would set them: id, name (and the `mlflow.runName` tag), start time, artifact URI,
 * params `model` and `lr`. Used only for the extra full-size search row, never for the headline.
 */
import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { seedParams } from './load-generator.ts'

type Row = Record<string, unknown>

export interface FillResult {
  runs: number
  wall_ms: number
}

/** Inserts runs `from … to - 1` of the experiment named `experimentName` in one transaction. */
export function fillReferenceRuns(
  dbPath: string,
  experimentName: string,
  from: number,
  to: number,
): FillResult {
  const start = performance.now()
  const db = new Database(dbPath)
  try {
    db.pragma('busy_timeout = 30000')
    const experiment = db
      .prepare('SELECT experiment_id FROM experiments WHERE name = ?')
      .get(experimentName) as Row | undefined
    if (!experiment) throw new Error(`no experiment ${experimentName} in ${dbPath}`)
    const template = db
      .prepare('SELECT * FROM runs WHERE experiment_id = ? AND name = ?')
      .get(experiment.experiment_id, 'run-0') as Row | undefined
    if (!template) throw new Error('run-0, the template run, is missing')
    const templateId = String(template.run_uuid)
    const tags = db.prepare('SELECT key, value FROM tags WHERE run_uuid = ?').all(templateId) as {
      key: string
      value: string
    }[]
    const columns = Object.keys(template)
    const insertRun = db.prepare(
      `INSERT INTO runs (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    )
    const insertTag = db.prepare('INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)')
    const insertParam = db.prepare('INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)')
    const templateStart = Number(template.start_time)
    db.transaction(() => {
      for (let index = from; index < to; index += 1) {
        const runId = randomUUID().replaceAll('-', '')
        const name = `run-${index}`
        const row: Row = {
          ...template,
          run_uuid: runId,
          name,
          start_time: templateStart + index,
          artifact_uri: String(template.artifact_uri).replace(templateId, runId),
        }
        insertRun.run(...columns.map((column) => row[column] ?? null))
        for (const tag of tags)
          insertTag.run(tag.key, tag.key === 'mlflow.runName' ? name : tag.value, runId)
        for (const param of seedParams(index)) insertParam.run(param.key, param.value, runId)
      }
    })()
  } finally {
    db.close()
  }
  return { runs: to - from, wall_ms: Math.round(performance.now() - start) }
}
