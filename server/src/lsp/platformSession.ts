import type { ConnectionProfile, Secrets } from '../platform/connectionProfile';
import type { Platform } from '../platform/platform';
import { secretValues } from '../platform/redactSecrets';
import type { PlatformConfigureParams } from '../protocol';

/** How the session reads profiles and builds clients (H1's resolveProfiles/createPlatform, or fakes in tests). */
export interface PlatformFactory {
  /** The raw `cdcRouting.profiles` setting → usable profiles (always including `local`) and what was wrong with it. */
  resolveProfiles(raw: unknown): { profiles: ConnectionProfile[]; problems: string[] };
  createPlatform(profile: ConnectionProfile, secrets: Secrets): Platform;
}

/**
 * The server's side of connection profiles: the profiles and secrets the client sent (secrets in memory
 * only), and one Platform per profile, built on first use and closed when its profile or secrets change.
 */
export class PlatformSession {
  private profiles: ConnectionProfile[];
  private problems: string[];
  private active = 'local';
  private secrets: Record<string, Secrets> = {};
  private readonly built = new Map<string, { key: string; platform: Platform }>();

  constructor(private readonly factory: PlatformFactory) {
    ({ profiles: this.profiles, problems: this.problems } = factory.resolveProfiles(undefined));
  }

  configure(params: PlatformConfigureParams): void {
    ({ profiles: this.profiles, problems: this.problems } = this.factory.resolveProfiles(params.profiles));
    this.active = params.activeProfile?.trim() || 'local';
    this.secrets = params.secrets ?? {};
    // A platform whose profile and secrets are unchanged keeps its connections (and any running tail).
    for (const [name, entry] of this.built) {
      const profile = this.profile(name);
      if (!profile || this.keyOf(profile) !== entry.key) {
        this.built.delete(name);
        void entry.platform.close().catch(() => undefined);
      }
    }
  }

  get activeProfile(): string {
    return this.active;
  }

  /** What was wrong with the profiles setting (shown with an unknown-profile error). */
  get profileProblems(): readonly string[] {
    return this.problems;
  }

  profileNames(): string[] {
    return this.profiles.map((p) => p.name);
  }

  profile(name?: string): ConnectionProfile | undefined {
    const wanted = name ?? this.active;
    return this.profiles.find((p) => p.name === wanted);
  }

  /** The clients of a profile (the active one by default); undefined when no profile has that name. */
  platform(name?: string): Platform | undefined {
    const profile = this.profile(name);
    if (!profile) return undefined;
    const key = this.keyOf(profile);
    const hit = this.built.get(profile.name);
    if (hit && hit.key === key) return hit.platform;
    const platform = this.factory.createPlatform(profile, this.secrets[profile.name] ?? {});
    this.built.set(profile.name, { key, platform });
    return platform;
  }

  /** The secrets the client sent for a profile (the active one by default). */
  secretsOf(name?: string): Secrets {
    const profile = this.profile(name);
    return profile ? (this.secrets[profile.name] ?? {}) : {};
  }

  /** Every secret value the session holds, to mask in anything sent back. */
  allSecretValues(): string[] {
    return Object.values(this.secrets).flatMap((s) => secretValues(s));
  }

  async close(): Promise<void> {
    const all = [...this.built.values()];
    this.built.clear();
    await Promise.all(all.map((e) => e.platform.close().catch(() => undefined)));
  }

  private keyOf(profile: ConnectionProfile): string {
    return JSON.stringify([profile, this.secrets[profile.name] ?? {}]);
  }
}
