/**
 * @module 20251124000000_cache_trace_entry_json
 * SQLite: each trace's tags and metadata also kept as JSON objects on its `trace_info` row
 * (`tags_json`, `metadata_json`), so that a page of search answers is read from the page's rows
 * alone, without two lookups per trace (trace-info-json-sqlite.ts).
 *
 * A column holds the JSON object of the trace's entries, keys in primary-key order and NULL
 * values as '' (what answers carry), '{}' without entries — or NULL when an answer would not
 * carry the entries as they are: a key or value MLflow cuts in answers (metadata keys and values
 * over 250 characters, tag keys over 250, tag values over 4096), a key JavaScript objects
 * reorder or drop (integer-like keys, `__proto__`), a value that is not text. Readers then take
 * the generic path. Characters are code points, as the cut counts them (SQLite's `length`); a
 * string with a NUL character, which `length` stops at, counts as too long once its UTF-8 size
 * is over the limit.
 *
 * Triggers on both entry tables keep the columns current through every write (inserts, upserts,
 * updates, deletes, cascades); existing rows are filled here. PostgreSQL: nothing (its search
 * answers are written from the entry tables).
 */
import type { Migration } from './migration.ts'

function tooLong(text: string, limit: number): string {
  return `(length(CAST(${text} AS BLOB)) > ${limit} AND (length(${text}) > ${limit} OR instr(${text}, char(0)) > 0))`
}

/** The JSON object of one trace's entries in `table`, or NULL (see the module note). */
function entriesJson(table: string, requestId: string, keyLimit: number, valueLimit: number) {
  const value = "COALESCE(e.value, '')"
  return `(SELECT CASE WHEN max(typeof(e.key) <> 'text' OR typeof(${value}) <> 'text'
      OR e.key GLOB '[0-9]*' OR e.key = '__proto__'
      OR ${tooLong('e.key', keyLimit)} OR ${tooLong(value, valueLimit)}) THEN NULL
    ELSE json_group_object(e.key, ${value}) END
  FROM ${table} e WHERE e.request_id = ${requestId})`
}

const CACHES = [
  { table: 'trace_tags', column: 'tags_json', keyLimit: 250, valueLimit: 4096 },
  { table: 'trace_request_metadata', column: 'metadata_json', keyLimit: 250, valueLimit: 250 },
]

function triggers(table: string, column: string, keyLimit: number, valueLimit: number): string[] {
  const events = [
    ['insert', 'INSERT', 'NEW'],
    ['update', 'UPDATE', 'NEW'],
    ['delete', 'DELETE', 'OLD'],
  ] as const
  return events.map(
    ([name, event, row]) => `CREATE TRIGGER ${table}_${column}_after_${name}
  AFTER ${event} ON ${table} FOR EACH ROW BEGIN
    UPDATE trace_info
      SET ${column} = ${entriesJson(table, `${row}.request_id`, keyLimit, valueLimit)}
      WHERE request_id = ${row}.request_id;
  END`,
  )
}

const sqlite = [
  ...CACHES.map(({ column }) => `ALTER TABLE trace_info ADD COLUMN ${column} TEXT DEFAULT '{}'`),
  `UPDATE trace_info SET ${CACHES.map(
    ({ table, column, keyLimit, valueLimit }) =>
      `${column} = ${entriesJson(table, 'trace_info.request_id', keyLimit, valueLimit)}`,
  ).join(', ')}`,
  ...CACHES.flatMap(({ table, column, keyLimit, valueLimit }) =>
    triggers(table, column, keyLimit, valueLimit),
  ),
]

/**
 * Caches each trace's tags and metadata as JSON on its row (SQLite).
 *
 * @example
 * await migrateToLatest({ driver, dialect, migrations: trackingMigrations }) // runs it last
 */
export const cacheTraceEntryJson: Migration = {
  name: '20251124000000_cache_trace_entry_json',
  up: { sqlite, postgres: [] },
}
