/**
 * @module run-name-generator
 * Names for runs created without one: `<adjective>-<noun>-<0..999>`, at most 20 characters, as
 * MLflow generates them (our own word lists).
 */

const adjectives = (
  'able agile amber bold brave bright brisk calm clever cool crisp curious daring deft ' +
  'eager fair fast fleet fond gentle glad grand happy hardy humble jolly keen kind lively ' +
  'loyal lucky merry mighty neat nimble noble polite proud quick quiet rapid ready shiny ' +
  'sleek smart solid steady sunny swift tidy valiant vivid warm wise witty zesty'
).split(' ')

const nouns = (
  'ant bass bat bear bee bird boar cat colt crab crane crow deer dove duck eagle eel elk ' +
  'finch fox frog goat goose hare hawk heron horse ibis jay koala lark lion lynx mole moth ' +
  'mouse newt otter owl panda quail ram raven robin seal shark sloth snail squid swan tern ' +
  'tiger toad trout vole whale wolf wren yak zebra'
).split(' ')

/**
 * Generates a run name from a random source in [0, 1).
 *
 * @example
 * generateRunName({ random: () => 0 }) // 'able-ant-0'
 */
export function generateRunName(options: { random: () => number }): string {
  const pick = <T>(items: readonly T[]): T =>
    items[Math.min(items.length - 1, Math.floor(options.random() * items.length))] as T
  const number = Math.min(999, Math.floor(options.random() * 1000))
  return `${pick(adjectives)}-${pick(nouns)}-${number}`
}
