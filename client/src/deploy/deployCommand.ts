import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  DeployApplyRequest,
  DeployPlanRequest,
  DeployProgressNotification,
  isFiltersFileName,
  type ApplyResult,
  type DeployApplyParams,
  type DeployPlanParams,
  type Plan,
  type SqlTarget,
  type StepResult,
} from '../../../server/src/protocol';
import { isFiltersUri } from '../filtersDocuments';
import { sqlPreviewUri } from '../sqlPreview';
import { describeApply, locateSqlLine } from './deployOutcome';
import { confirmation, planDocument } from './planDocument';
import { PLAN_SCHEME, PlanDocuments } from './planDocumentProvider';
import { profileChoices } from './profileChoice';

/** Where the desired state is read from: the open filters file, else the (only or picked) workspace folder. */
async function deployTarget(): Promise<Pick<DeployPlanParams, 'filtersUri' | 'workspaceFolder'> | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && isFiltersUri(active)) {
    return { filtersUri: active.toString() };
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage(
      'CDC Routing: Deploy… needs a workspace: open the folder that holds flink-jobs/filters.yaml.',
    );
    return undefined;
  }
  const folder =
    folders.length === 1
      ? folders[0]
      : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder to deploy' });
  return folder ? { workspaceFolder: folder.uri.toString() } : undefined;
}

/**
 * With a filters file open next to others (filters.yaml and filters-examples.yaml both route one topic): deploy
 * only it, or every filters file. `null` when there is nothing to choose, undefined when the pick was dismissed.
 */
async function pickScope(target: Pick<DeployPlanParams, 'filtersUri'>): Promise<string[] | null | undefined> {
  if (!target.filtersUri) return null;
  const open = vscode.Uri.parse(target.filtersUri);
  const dir = vscode.Uri.joinPath(open, '..');
  const siblings = (
    await vscode.workspace.fs.readDirectory(dir).then(undefined, () => [] as [string, vscode.FileType][])
  )
    .filter(([name, type]) => type === vscode.FileType.File && isFiltersFileName(name))
    .map(([name]) => name)
    .sort();
  if (siblings.length < 2) return null;
  const name = path.basename(open.fsPath);
  const picked = await vscode.window.showQuickPick(
    [
      {
        label: `Only ${name}`,
        description: 'the open file; the jobs of the others are left alone',
        files: [target.filtersUri],
      },
      { label: `Every filters file (${siblings.length})`, description: siblings.join(', '), files: undefined },
    ],
    { title: 'CDC Routing: Deploy…', placeHolder: 'What to deploy (Enter: the open filters file)' },
  );
  return picked ? (picked.files ?? null) : undefined;
}

/** The SQL choices the preview uses for this workspace (user and workspace settings merged), so deploy runs the same SQL. */
function sqlSettingsFor(target: Pick<DeployPlanParams, 'filtersUri' | 'workspaceFolder'>): DeployPlanParams['sql'] {
  const scope = target.filtersUri ?? target.workspaceFolder;
  const config = vscode.workspace.getConfiguration('cdcRouting.sql', scope ? vscode.Uri.parse(scope) : undefined);
  return {
    format: config.get<string>('format'),
    startupMode: config.get<string>('startupMode'),
    groupId: config.get<string>('groupId') ?? undefined,
  };
}

async function pickProfile(): Promise<string | undefined> {
  const config = vscode.workspace.getConfiguration('cdcRouting');
  const choices = profileChoices(config.get('profiles'), config.get<string>('activeProfile'));
  const picked = await vscode.window.showQuickPick(
    choices.map((c) => ({ label: c.name, description: c.active ? 'active profile' : undefined })),
    { title: 'CDC Routing: Deploy…', placeHolder: 'Connection profile to deploy to (Enter: the active one)' },
  );
  return picked?.label;
}

/** Opens the SQL of the failed Flink step (the live SQL preview of its filters file) at the line Flink named. */
async function openSqlAt(plan: Plan, failed: StepResult): Promise<void> {
  const filters = vscode.Uri.file(path.resolve(plan.workspaceFolder, failed.target));
  const target = vscode.workspace.getConfiguration('cdcRouting.sql', filters).get<SqlTarget>('target') ?? 'flink';
  const doc = await vscode.workspace.openTextDocument(sqlPreviewUri(filters, target));
  const line = failed.sqlLine ? locateSqlLine(doc.getText(), failed.sqlLine) : 0;
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const range = new vscode.Range(
    line,
    failed.sqlLine?.column ? failed.sqlLine.column - 1 : 0,
    line,
    doc.lineAt(Math.min(line, doc.lineCount - 1)).text.length,
  );
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
}

/**
 * `CDC Routing: Deploy…`: profile → plan (progress) → the plan shown as a read-only document → a modal
 * "Deploy" / Cancel → apply with each step in the progress notification → a summary, or the failed step
 * with Flink's message and a way to the offending SQL line. Nothing is applied without the confirmation,
 * and the server applies only the plan that was confirmed (by its fingerprint).
 */
export function registerDeployCommand(context: vscode.ExtensionContext, client: LanguageClient): void {
  const plans = new PlanDocuments();
  context.subscriptions.push(plans, vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, plans));
  let running = false;

  async function planFor(params: DeployPlanParams): Promise<Plan | undefined> {
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `CDC Routing: planning the deploy to "${params.profile}"…`,
      },
      () => client.sendRequest(DeployPlanRequest, params),
    );
    if (!result.plan) {
      void vscode.window.showErrorMessage(
        `CDC Routing: no deploy plan for "${params.profile}": ${result.error ?? 'the server gave no reason (see CDC Routing: Show Output)'}`,
      );
      return undefined;
    }
    return result.plan;
  }

  async function apply(params: DeployApplyParams, plan: Plan): Promise<ApplyResult | undefined> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `CDC Routing: deploying to "${plan.profile}"` },
      async (progress) => {
        let reported = 0;
        const listener = client.onNotification(DeployProgressNotification, (p) => {
          if (p.fingerprint !== plan.fingerprint) return;
          const done = Math.round((p.step / Math.max(1, p.total)) * 100);
          progress.report({
            message: `step ${p.step + 1} of ${p.total}: ${p.message}`,
            increment: Math.max(0, done - reported),
          });
          reported = Math.max(reported, done);
        });
        try {
          const response = await client.sendRequest(DeployApplyRequest, params);
          if (!response.result) {
            void vscode.window.showErrorMessage(
              `CDC Routing: the deploy to "${plan.profile}" did not run: ${response.error ?? 'no reason given (see CDC Routing: Show Output)'}`,
            );
            return undefined;
          }
          return response.result;
        } finally {
          listener.dispose();
        }
      },
    );
  }

  async function report(result: ApplyResult, plan: Plan, retry: () => Promise<void>): Promise<void> {
    const outcome = describeApply(result);
    const showPlan = 'Show Plan';
    const again = 'Deploy Again…';
    if (outcome.severity === 'info') {
      if ((await vscode.window.showInformationMessage(`CDC Routing: ${outcome.message}`, showPlan)) === showPlan)
        await plans.show(plan.profile);
      return;
    }
    if (outcome.severity === 'warning') {
      if ((await vscode.window.showWarningMessage(`CDC Routing: ${outcome.message}`, again)) === again) await retry();
      return;
    }
    const openSql =
      outcome.failed?.kind === 'flinkJob' && outcome.sqlLine ? `Open SQL at Line ${outcome.sqlLine.line}` : undefined;
    const choice = await vscode.window.showErrorMessage(
      `CDC Routing: ${outcome.message}`,
      ...[openSql, showPlan, again].filter((a): a is string => !!a),
    );
    if (choice === openSql && outcome.failed) await openSqlAt(plan, outcome.failed);
    else if (choice === showPlan) await plans.show(plan.profile);
    else if (choice === again) await retry();
  }

  /** `again`: Deploy Again… repeats the same profile and the same files without asking. */
  async function deploy(profileArg?: unknown, again?: { files: string[] | null }): Promise<void> {
    if (running) {
      void vscode.window.showInformationMessage('CDC Routing: a deploy is already in progress.');
      return;
    }
    running = true;
    try {
      const target = await deployTarget();
      if (!target) return;
      const profile = typeof profileArg === 'string' && profileArg ? profileArg : await pickProfile();
      if (!profile) return;
      const files = again ? again.files : await pickScope(target);
      if (files === undefined) return;
      let params: DeployPlanParams = { ...target, profile, ...(files ? { files } : {}), sql: sqlSettingsFor(target) };
      let plan = await planFor(params);
      if (!plan) return;
      // a job stuck RESTARTING/FAILING cannot take a savepoint: replacing it means cancelling it, asked for first
      if (plan.errors.length > 0 && plan.errors.every((e) => e.needsForce)) {
        const force = 'Cancel It and Deploy';
        const asked = await vscode.window.showWarningMessage(
          `CDC Routing: ${plan.errors.length === 1 ? 'a routing job is' : 'routing jobs are'} stuck and cannot take a savepoint.`,
          {
            modal: true,
            detail: `${plan.errors.map((e) => e.message.replace(/ Run cdc-routing deploy --force to/, ' Deploying will')).join('\n\n')}`,
          },
          force,
        );
        if (asked !== force) return;
        params = { ...params, force: true };
        plan = await planFor(params);
        if (!plan) return;
      }
      plans.set(profile, planDocument(plan));
      await plans.show(profile);
      if (plan.errors.length) {
        const first = plan.errors[0];
        const open = first.file ? `Open ${first.file}${first.line ? `:${first.line}` : ''}` : undefined;
        const choice = await vscode.window.showErrorMessage(
          `CDC Routing: the plan for "${profile}" has ${plan.errors.length} problem(s), nothing is deployed: ${first.message}`,
          ...(open ? [open] : []),
        );
        if (choice === open && first.file) {
          const doc = await vscode.workspace.openTextDocument(
            vscode.Uri.file(path.resolve(plan.workspaceFolder, first.file)),
          );
          const line = Math.max(0, (first.line ?? 1) - 1);
          await vscode.window.showTextDocument(doc, { selection: new vscode.Range(line, 0, line, 0) });
        }
        return;
      }
      if (plan.changes === 0) {
        void vscode.window.showInformationMessage(
          `CDC Routing: "${profile}" is up to date — all ${plan.steps.length} step(s) unchanged, nothing to deploy.`,
        );
        return;
      }
      const ask = confirmation(plan);
      const go = 'Deploy';
      if ((await vscode.window.showWarningMessage(ask.message, { modal: true, detail: ask.detail }, go)) !== go) return;
      const result = await apply({ ...params, fingerprint: plan.fingerprint }, plan);
      if (!result) return;
      void vscode.commands.executeCommand('cdcRouting.refreshSidebar').then(undefined, () => undefined);
      running = false;
      await report(result, plan, () => deploy(profile, { files: files ?? null }));
    } catch (err) {
      void vscode.window.showErrorMessage(
        `CDC Routing: the deploy stopped: ${(err as Error).message}. See CDC Routing: Show Output.`,
      );
    } finally {
      running = false;
    }
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('cdcRouting.deploy', (profile?: unknown) => deploy(profile)),
  );
}
