// The words of the synthetic arithmetic problems: the themes' sentence templates, the people and
// their pronouns. generateArithmeticProblems writes sentences from them and parseArithmeticProblem
// matches sentences against the same templates.

/** One theme: its counted items and a sentence template list per part of a problem. */
export interface Theme {
  items: string[]
  money?: boolean
  start: string[]
  add: string[]
  sub: string[]
  mul: string[]
  div: string[]
  ask: string[]
}

// {n}: an amount (written $n in money themes); {k}: a factor or divisor; {He}/{he}/{him}/{his}
// follow the person's pronoun. Every template of one operation must not match another's sentence.
export const themes: Theme[] = [
  {
    items: ['apples', 'oranges', 'pears', 'lemons'],
    start: ['{name} has {n} {items} in a basket.', '{name} buys {n} {items} at the market.'],
    add: ['{He} buys {n} more {items}.', 'A friend gives {him} {n} more {items}.'],
    sub: ['{He} gives {n} {items} to a neighbor.', '{He} uses {n} {items} to make juice.'],
    mul: [
      'By the weekend {he} has {k} times as many {items} as before.',
      'A farm stand deal leaves {him} with {k} times as many {items}.',
    ],
    div: [
      '{He} packs the {items} equally into {k} bags and keeps one bag.',
      '{He} splits the {items} into {k} equal piles and keeps one pile.',
    ],
    ask: ['How many {items} does {name} have now?'],
  },
  {
    items: ['cookies', 'muffins', 'cupcakes', 'rolls'],
    start: ['{name} bakes {n} {items} for a school fair.'],
    add: ['{He} bakes another {n} {items}.', '{His} aunt brings {n} more {items}.'],
    sub: ['{He} sells {n} of the {items}.', '{His} family eats {n} of the {items}.'],
    mul: [
      '{He} scales up the recipe so there are {k} times as many {items}.',
      '{He} repeats the whole batch until there are {k} times as many {items}.',
    ],
    div: [
      '{He} divides the {items} equally into {k} boxes and keeps one box.',
      '{He} shares the {items} equally among {k} tables and keeps the share of one table.',
    ],
    ask: ['How many {items} does {name} have at the end?'],
  },
  {
    items: ['dollars'],
    money: true,
    start: ['{name} has {n} in a piggy bank.', '{name} starts the month with {n} in savings.'],
    add: ['{He} earns {n} more by walking dogs.', '{His} grandmother gives {him} {n}.'],
    sub: ['{He} spends {n} on a book.', '{He} pays {n} for a movie ticket.'],
    mul: [
      'After a year of saving, {his} money is {k} times as much.',
      'A matching program makes {his} savings {k} times as large.',
    ],
    div: [
      '{He} splits the money equally into {k} envelopes and keeps one envelope.',
      '{He} divides the money equally among {k} jars and keeps one jar.',
    ],
    ask: ['How much money, in dollars, does {name} have now?'],
  },
  {
    items: ['miles'],
    start: ['{name} plans a road trip of {n} miles.'],
    add: ['{He} adds a detour of {n} miles.', 'A visit to a lake adds {n} miles to the plan.'],
    sub: ['A shortcut saves {him} {n} miles.', 'Skipping a town cuts {n} miles from the plan.'],
    mul: [
      '{He} decides to repeat the route so the plan is {k} times as long.',
      'Adding return legs makes the plan {k} times as long.',
    ],
    div: [
      '{He} cuts the plan down to one of {k} equal parts.',
      'The plan shrinks to one of {k} equal stages.',
    ],
    ask: ['How many miles long is the plan now?'],
  },
  {
    items: ['tulips', 'sunflowers', 'tomato plants'],
    start: ['{name} plants {n} {items} in the spring.'],
    add: ['{He} plants {n} more {items}.', 'A neighbor donates {n} more {items}.'],
    sub: ['Rabbits eat {n} of the {items}.', 'A storm ruins {n} of the {items}.'],
    mul: [
      'By summer the garden has {k} times as many {items} as before.',
      'The {items} spread until there are {k} times as many.',
    ],
    div: [
      '{He} spreads the {items} equally over {k} beds and tends only one bed.',
      '{He} gives away all but one of {k} equal groups of {items}.',
    ],
    ask: ['How many {items} does {name} tend now?'],
  },
  {
    items: ['books', 'comics', 'magazines'],
    start: ["{name}'s shelf holds {n} {items}."],
    add: ['{He} finds {n} more {items} at a fair.', 'A cousin lends {him} {n} more {items}.'],
    sub: ['{He} donates {n} {items} to the library.', '{He} lends {n} {items} to classmates.'],
    mul: [
      'After an inheritance {he} owns {k} times as many {items} as before.',
      'A book swap leaves {him} with {k} times as many {items}.',
    ],
    div: [
      '{He} sorts the {items} equally onto {k} shelves and keeps one shelf.',
      '{He} splits the {items} into {k} equal stacks and keeps one stack.',
    ],
    ask: ['How many {items} does {name} keep?'],
  },
  {
    items: ['eggs'],
    start: ["{name}'s hens lay {n} eggs on Monday."],
    add: ['On Tuesday the hens lay {n} more eggs.', 'A neighbor drops off {n} more eggs.'],
    sub: ['{He} uses {n} eggs for breakfast.', '{He} cracks {n} eggs while cleaning.'],
    mul: [
      'By Sunday {he} has {k} times as many eggs as before.',
      'After a good week there are {k} times as many eggs.',
    ],
    div: [
      '{He} packs the eggs equally into {k} cartons and keeps one carton.',
      '{He} splits the eggs into {k} equal baskets and keeps one basket.',
    ],
    ask: ['How many eggs does {name} have?'],
  },
]

/** People of the problems and the pronoun each takes. */
export const names: [string, 'she' | 'he'][] = [
  ['Maya', 'she'],
  ['Liam', 'he'],
  ['Sofia', 'she'],
  ['Omar', 'he'],
  ['Aisha', 'she'],
  ['Kenji', 'he'],
  ['Elena', 'she'],
  ['Mateo', 'he'],
  ['Priya', 'she'],
  ['Noah', 'he'],
  ['Hana', 'she'],
  ['Ravi', 'he'],
  ['Grace', 'she'],
  ['Diego', 'he'],
  ['Amara', 'she'],
  ['Felix', 'he'],
]

/** The words substituted for `{He}`, `{he}`, `{him}`, `{His}` and `{his}`. */
export const pronouns = {
  she: { He: 'She', he: 'she', him: 'her', His: 'Her', his: 'her' },
  he: { He: 'He', he: 'he', him: 'him', His: 'His', his: 'his' },
}
