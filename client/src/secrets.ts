import * as vscode from 'vscode';
import { SECRET_NAMES, secretEnvName, type SecretName, type Secrets } from '../../server/src/protocol';

const PREFIX = 'cdcRouting.secret.';

/** What each secret is for, as the Set Secret… pick list says it. */
const PURPOSE: Record<SecretName, string> = {
  'kafka.password': 'Kafka SASL password (user: kafka.sasl.username)',
  'connect.password': 'Kafka Connect basic-auth password (user: connect.username)',
  'schemaRegistry.password': 'Schema Registry basic-auth password (user: schemaRegistry.username)',
  'confluentCloud.apiKey': 'Confluent Cloud Flink API key',
  'confluentCloud.apiSecret': 'Confluent Cloud Flink API secret',
  'connector.databasePassword': "The source connector's database.password, set at deploy",
};

/**
 * Passwords and API keys per connection profile, in VS Code's SecretStorage (the OS keychain): never in
 * settings, never logged. The language server gets them in memory through the configure notification.
 */
export class ProfileSecrets {
  constructor(private readonly storage: vscode.SecretStorage) {}

  private key(profile: string, name: SecretName): string {
    return `${PREFIX}${profile}.${name}`;
  }

  async of(profile: string): Promise<Secrets> {
    const secrets: Secrets = {};
    for (const name of SECRET_NAMES) {
      const value = await this.storage.get(this.key(profile, name));
      if (value) secrets[name] = value;
    }
    return secrets;
  }

  async forProfiles(profiles: string[]): Promise<Record<string, Secrets>> {
    return Object.fromEntries(await Promise.all(profiles.map(async (p) => [p, await this.of(p)] as const)));
  }

  set(profile: string, name: SecretName, value: string): Thenable<void> {
    return this.storage.store(this.key(profile, name), value);
  }

  clear(profile: string, name: SecretName): Thenable<void> {
    return this.storage.delete(this.key(profile, name));
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.storage.onDidChange((e) => e.key.startsWith(PREFIX) && listener());
  }
}

/** `CDC Routing: Set Secret…` and `Clear Secret…` for the active profile. */
export function registerSecretCommands(
  context: vscode.ExtensionContext,
  secrets: ProfileSecrets,
  activeProfile: () => string,
): void {
  const pick = async (profile: string, placeHolder: string, onlySet: boolean): Promise<SecretName | undefined> => {
    const current = await secrets.of(profile);
    const items = SECRET_NAMES.filter((n) => !onlySet || current[n]).map((n) => ({
      label: n,
      description: current[n] ? '(set)' : '',
      detail: `${PURPOSE[n]} — the CLI reads ${secretEnvName(n)}`,
      name: n,
    }));
    if (items.length === 0) {
      void vscode.window.showInformationMessage(`CDC Routing: profile "${profile}" has no secrets set.`);
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { placeHolder, matchOnDetail: true }))?.name;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('cdcRouting.setSecret', async () => {
      const profile = activeProfile();
      const name = await pick(profile, `Secret of profile "${profile}" to set`, false);
      if (!name) return;
      const value = await vscode.window.showInputBox({
        password: true,
        ignoreFocusOut: true,
        title: `${name} of profile "${profile}"`,
        prompt: `${PURPOSE[name]}. Stored in the OS keychain (SecretStorage), never in settings.`,
      });
      if (!value) return;
      await secrets.set(profile, name, value);
      void vscode.window.showInformationMessage(`CDC Routing: ${name} of profile "${profile}" is set.`);
    }),
    vscode.commands.registerCommand('cdcRouting.clearSecret', async () => {
      const profile = activeProfile();
      const name = await pick(profile, `Secret of profile "${profile}" to clear`, true);
      if (!name) return;
      await secrets.clear(profile, name);
      void vscode.window.showInformationMessage(`CDC Routing: ${name} of profile "${profile}" is cleared.`);
    }),
  );
}
