import { parseArgs } from 'util';
import { applyDeploy, planDeploy } from '../../deploy/deployEngine';
import { renderApplyResult, renderPlan } from '../../deploy/renderPlan';
import { createPlatform } from '../../platform/createPlatform';
import { UsageError, type CliCommand } from '../cliCommand';
import { chosenFiles } from '../chosenFiles';
import { outputFormat, PLATFORM_OPTIONS } from '../platformArgs';
import { resolveProfile } from '../resolveProfile';

/**
 * `cdc-routing deploy`: plans, prints the plan, and applies it only with --yes (CI) — never by surprise.
 * Exit 0 deployed (or nothing to do, or a plan shown without --yes), 1 plan errors or a failed step,
 * 2 usage or a service that cannot be reached.
 */
export const deployCommand: CliCommand = {
  name: 'deploy',
  usage:
    'cdc-routing deploy [DIR] [--profile P] [--profiles-file FILE] [--file FILTERS.yaml]... [--dry-run] [--yes] [--force] [--format text|json]',
  summary:
    'Create missing output topics, register the schema and the connector, submit or replace the Flink job; applies only with --yes.',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        ...PLATFORM_OPTIONS,
        file: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean', default: false },
        yes: { type: 'boolean', short: 'y', default: false },
        // a job stuck RESTARTING/FAILING cannot take a savepoint: cancel it, start from its last checkpoint
        force: { type: 'boolean', default: false },
      },
    });
    if (positionals.length > 1) throw new UsageError('deploy takes one workspace folder');
    const json = outputFormat(values.format) === 'json';
    if (values['dry-run'] && values.yes) throw new UsageError('--dry-run and --yes contradict each other');
    const resolved = resolveProfile(io.cwd, io.env, {
      dir: positionals[0],
      profile: values.profile,
      profilesFile: values['profiles-file'],
    });
    for (const p of resolved.problems) io.err(`warning: ${p}`);
    const platform = createPlatform(resolved.profile, resolved.secrets);
    const input = {
      folder: resolved.folder,
      platform,
      secrets: resolved.secrets,
      settings: resolved.sql,
      only: chosenFiles(values.file, io.cwd),
      force: values.force,
    };
    try {
      if (!values.yes) {
        const { plan } = await planDeploy(input);
        if (json) io.out(JSON.stringify({ plan }, null, 2));
        else for (const line of renderPlan(plan)) io.out(line);
        if (plan.unreachable) return 2;
        if (plan.errors.length > 0) return 1;
        if (!values['dry-run'] && plan.changes > 0) io.err('Nothing applied: add --yes to apply this plan.');
        return 0;
      }
      const { planned, result } = await applyDeploy(input, undefined, (p) => {
        if (!json) io.err(`[${p.step + 1}/${p.total}] ${p.message}`);
      });
      if (json) io.out(JSON.stringify({ plan: planned.plan, result }, null, 2));
      else {
        for (const line of renderPlan(planned.plan, { details: false })) io.out(line);
        for (const line of renderApplyResult(result)) io.out(line);
      }
      if (planned.plan.unreachable) return 2;
      return result.ok ? 0 : 1;
    } finally {
      await platform.close().catch(() => undefined);
    }
  },
};
