/**
 * @module logged-models entities
 * MLflow 3 logged models as zod schemas (camelCase) and their TypeScript types.
 */
export {
  type LoggedModel,
  type LoggedModelData,
  type LoggedModelInfo,
  type LoggedModelParameter,
  type LoggedModelRegistrationInfo,
  type LoggedModelTag,
  loggedModelDataSchema,
  loggedModelInfoSchema,
  loggedModelParameterSchema,
  loggedModelRegistrationInfoSchema,
  loggedModelSchema,
  loggedModelTagSchema,
} from './logged-model.ts'
export {
  LOGGED_MODEL_STATUS_NUMBERS,
  type LoggedModelStatus,
  loggedModelStatusFromNumber,
  loggedModelStatusSchema,
} from './logged-model-status.ts'
