// The problems validateFilters reports, as the faces (LSP, CLI) import them; defined in the model, where the
// lowest layer that reports one (binding) can reach them.
export type { Problem, Severity } from '../model/problem';
