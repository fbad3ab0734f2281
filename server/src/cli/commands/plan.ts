import { parseArgs } from 'util';
import { planDeploy } from '../../deploy/deployEngine';
import { renderPlan } from '../../deploy/renderPlan';
import { createPlatform } from '../../platform/createPlatform';
import { UsageError, type CliCommand } from '../cliCommand';
import { chosenFiles } from '../chosenFiles';
import { outputFormat, PLATFORM_OPTIONS } from '../platformArgs';
import { resolveProfile } from '../resolveProfile';

/**
 * `cdc-routing plan`: what a deploy would do, changing nothing. Exit 0 a plan that can be applied (with or
 * without changes), 1 plan errors (a rejected connector config, an incompatible schema, a filter that does not
 * generate), 2 usage or a service that cannot be reached.
 */
export const planCommand: CliCommand = {
  name: 'plan',
  usage: 'cdc-routing plan [DIR] [--profile P] [--profiles-file FILE] [--file FILTERS.yaml]... [--format text|json]',
  summary:
    'Show what `deploy` would change (topics, schema, connector, Flink job) for the workspace DIR (default .), changing nothing.',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { ...PLATFORM_OPTIONS, file: { type: 'string', multiple: true } },
    });
    if (positionals.length > 1) throw new UsageError('plan takes one workspace folder');
    const format = outputFormat(values.format);
    const resolved = resolveProfile(io.cwd, io.env, {
      dir: positionals[0],
      profile: values.profile,
      profilesFile: values['profiles-file'],
    });
    for (const p of resolved.problems) io.err(`warning: ${p}`);
    const platform = createPlatform(resolved.profile, resolved.secrets);
    try {
      const { plan } = await planDeploy({
        folder: resolved.folder,
        platform,
        secrets: resolved.secrets,
        settings: resolved.sql,
        only: chosenFiles(values.file, io.cwd),
      });
      if (format === 'json') io.out(JSON.stringify(plan, null, 2));
      else for (const line of renderPlan(plan)) io.out(line);
      return plan.unreachable ? 2 : plan.errors.length > 0 ? 1 : 0;
    } finally {
      await platform.close().catch(() => undefined);
    }
  },
};
