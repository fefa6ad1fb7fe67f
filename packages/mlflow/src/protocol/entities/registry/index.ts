/**
 * @module registry entities
 * Entities of this area as zod schemas (camelCase) and their TypeScript types.
 */
export {}
