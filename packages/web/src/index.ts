/**
 * @module @dspyflow/web
 * Shell package: its contents arrive with the issues that build it (see the root README's roadmap).
 */
export const packageName = '@dspyflow/web'
