import { InputField, OutputField } from '../../signatures/field.ts'
import { Signature } from '../../signatures/signature.ts'

/** The signatures of DSPy's `dspy/propose/dataset_summary_generator.py`, texts verbatim. */

const examplesDescription = 'Sample data points from the dataset'

/**
 * DSPy's `ObservationSummarizer`.
 *
 * @example
 * await new Predict(ObservationSummarizer).call({ observations })
 */
export const ObservationSummarizer = new Signature({
  name: 'ObservationSummarizer',
  instructions:
    'Given a series of observations I have made about my dataset, please summarize them into a brief 2-3 sentence summary which highlights only the most important details.',
  fields: {
    observations: InputField({ desc: 'Observations I have made about my dataset' }),
    summary: OutputField({
      desc: 'Two to Three sentence summary of only the most significant highlights of my observations',
    }),
  },
})

/**
 * DSPy's `DatasetDescriptor`.
 *
 * @example
 * await new Predict(DatasetDescriptor, { config: { n: 1, temperature: 1.0 } }).call({ examples })
 */
export const DatasetDescriptor = new Signature({
  name: 'DatasetDescriptor',
  instructions:
    'Given several examples from a dataset please write observations about trends that hold for most or all of the samples. ' +
    'Some areas you may consider in your observations: topics, content, syntax, conciseness, etc. ' +
    "It will be useful to make an educated guess as to the nature of the task this dataset will enable. Don't be afraid to be creative",
  fields: {
    examples: InputField({ desc: examplesDescription }),
    observations: OutputField({
      desc: 'Somethings that holds true for most or all of the data you observed',
    }),
  },
})

/**
 * DSPy's `DatasetDescriptorWithPriorObservations` (its double space and «conciceness» kept).
 *
 * @example
 * await new Predict(DatasetDescriptorWithPriorObservations).call({ examples, prior_observations })
 */
export const DatasetDescriptorWithPriorObservations = new Signature({
  name: 'DatasetDescriptorWithPriorObservations',
  instructions:
    'Given several examples from a dataset please write observations about trends that hold for most or all of the samples. ' +
    "I will also provide you with a few observations I have already made.  Please add your own observations or if you feel the observations are comprehensive say 'COMPLETE' " +
    'Some areas you may consider in your observations: topics, content, syntax, conciceness, etc. ' +
    "It will be useful to make an educated guess as to the nature of the task this dataset will enable. Don't be afraid to be creative",
  fields: {
    examples: InputField({ desc: examplesDescription }),
    prior_observations: InputField({ desc: 'Some prior observations I made about the data' }),
    observations: OutputField({
      desc: 'Somethings that holds true for most or all of the data you observed or COMPLETE if you have nothing to add',
    }),
  },
})
