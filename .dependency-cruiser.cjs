/** Direction rules of DESIGN.md: dspy <- mlflow <- server; web only talks HTTP. */
module.exports = {
  forbidden: [
    {
      name: 'dspy-never-imports-tracking',
      severity: 'error',
      from: { path: '^packages/dspy/' },
      to: { path: '^packages/(mlflow|server|web)/|@dspyflow/(mlflow|server|web)' },
    },
    {
      name: 'mlflow-never-imports-server-statically',
      severity: 'error',
      from: { path: '^packages/mlflow/' },
      to: { path: '^packages/(server|web)/', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'only-mlflow-dspy-and-models-import-dspy',
      severity: 'error',
      from: { path: '^packages/mlflow/src/', pathNot: '^packages/mlflow/src/(dspy|models)/' },
      to: { path: '^packages/dspy/' },
    },
    {
      name: 'web-imports-only-protocol',
      severity: 'error',
      from: { path: '^packages/web/' },
      to: { path: '^packages/(dspy|server)/|^packages/mlflow/src/(?!protocol/)' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules|dist' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
}
