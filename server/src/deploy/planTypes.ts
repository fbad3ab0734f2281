/**
 * The deploy plan: what the workspace wants next to what the target already has. Plain data (no class,
 * no Date), so it crosses LSP as JSON and renders the same in the CLI and the editor; its types are the
 * wire's (server/src/protocol/deploy.ts), declared once there.
 */
export type {
  ApplyResult,
  Plan,
  PlanProblem,
  PlanStep,
  StepAction,
  StepKind,
  StepResult,
  StepStatus,
} from '../protocol/deploy';
