/**
 * @module builtin-page
 * The page `GET /` shows until the web UI is built: the server's name and version and its
 * experiments, listed in the browser through the REST API.
 */
import { MLFLOW_COMPATIBLE_VERSION } from '../mlflow-version.ts'

/**
 * The HTML of the built-in page; `apiBase` is where the `ajax-api` routes live (the static
 * prefix, or `''`).
 *
 * @example
 * builtinPageHtml({ apiBase: '/mlflow' })
 */
export function builtinPageHtml(options: { apiBase: string }): string {
  const searchUrl = JSON.stringify(
    `${options.apiBase}/ajax-api/2.0/mlflow/experiments/search?max_results=1000`,
  ).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>dspyflow tracking server</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 56rem; padding: 0 1rem }
table { border-collapse: collapse; width: 100% }
th, td { border-bottom: 1px solid #ddd; padding: .4rem .6rem; text-align: left }
</style>
</head>
<body>
<h1>dspyflow tracking server</h1>
<p>MLflow-compatible tracking API (MLflow ${MLFLOW_COMPATIBLE_VERSION}). Point a client at this
address, e.g. <code>mlflow.set_tracking_uri(...)</code>. The full web UI is not installed.</p>
<h2>Experiments</h2>
<table>
<thead><tr><th>ID</th><th>Name</th><th>Artifact location</th></tr></thead>
<tbody id="experiments"><tr><td colspan="3">Loading…</td></tr></tbody>
</table>
<script type="module">
const body = document.getElementById('experiments')
try {
  const response = await fetch(${searchUrl})
  const { experiments = [] } = await response.json()
  body.replaceChildren()
  for (const experiment of experiments) {
    const row = body.insertRow()
    for (const value of [experiment.experiment_id, experiment.name, experiment.artifact_location]) {
      row.insertCell().textContent = value ?? ''
    }
  }
  if (experiments.length === 0) body.insertRow().insertCell().textContent = 'No experiments yet.'
} catch (error) {
  body.replaceChildren()
  body.insertRow().insertCell().textContent = 'Could not load experiments: ' + error
}
</script>
</body>
</html>
`
}
