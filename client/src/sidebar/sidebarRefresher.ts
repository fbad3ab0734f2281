import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { HealthResult, PlatformResult } from '../../../server/src/protocol';
import { PlatformTreeProvider } from './platformTreeProvider';
import { RefreshSchedule } from './refreshSchedule';
import { requestPlatform } from './requestPlatform';
import { VIEWS, type ViewKey, type ViewSpec } from './sidebarViews';

/**
 * Keeps the four views fresh: each is asked when due (the Pipeline view always, feeding the status bar; the
 * others only while visible), a view whose service is down backs off, and a manual refresh asks at once.
 */
export class SidebarRefresher implements vscode.Disposable {
  readonly providers: Record<ViewKey, PlatformTreeProvider>;
  private readonly views = new Map<ViewKey, vscode.TreeView<unknown>>();
  private readonly schedule: RefreshSchedule<ViewKey>;
  private readonly inFlight = new Set<ViewKey>();
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  private readonly healthListeners: ((r: PlatformResult<HealthResult>) => void)[] = [];

  constructor(
    private readonly client: LanguageClient,
    baseSeconds: number,
  ) {
    this.schedule = new RefreshSchedule<ViewKey>(baseSeconds * 1000);
    this.providers = Object.fromEntries(VIEWS.map((v) => [v.key, new PlatformTreeProvider(v.key)])) as Record<
      ViewKey,
      PlatformTreeProvider
    >;
  }

  /** Creates the tree views; returns them for the extension's subscriptions. */
  createViews(): vscode.Disposable[] {
    return VIEWS.map((spec) => {
      const view = vscode.window.createTreeView(spec.viewId, {
        treeDataProvider: this.providers[spec.key],
        showCollapseAll: spec.key === 'connectors',
      });
      this.views.set(spec.key, view);
      view.onDidChangeVisibility((e) => e.visible && this.schedule.isDue(spec.key, Date.now()) && void this.load(spec));
      return view;
    });
  }

  onHealth(listener: (r: PlatformResult<HealthResult>) => void): void {
    this.healthListeners.push(listener);
  }

  setIntervalSeconds(seconds: number): void {
    this.schedule.setBase(seconds * 1000);
    this.arm();
  }

  /** Asks now (one view, or all); a manual refresh forgets the backoff. */
  async refresh(key?: ViewKey): Promise<void> {
    const specs = VIEWS.filter((v) => !key || v.key === key);
    for (const s of specs) this.schedule.reset(s.key);
    await Promise.all(specs.map((s) => this.load(s)));
  }

  start(): void {
    void this.tick();
  }

  private polled(spec: ViewSpec): boolean {
    return spec.key === 'pipeline' || this.views.get(spec.key)?.visible === true;
  }

  private async tick(): Promise<void> {
    const now = Date.now();
    await Promise.all(VIEWS.filter((v) => this.polled(v) && this.schedule.isDue(v.key, now)).map((v) => this.load(v)));
    this.arm();
  }

  private arm(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    const keys = VIEWS.filter((v) => this.polled(v)).map((v) => v.key);
    this.timer = setTimeout(() => void this.tick(), Math.max(250, this.schedule.nextIn(keys, Date.now())));
  }

  private async load(spec: ViewSpec): Promise<void> {
    if (this.inFlight.has(spec.key) || this.disposed) return;
    this.inFlight.add(spec.key);
    try {
      // the view's own request answers what its `build` takes
      const result = (await requestPlatform(this.client, spec.request, {}, spec.what)) as PlatformResult<never>;
      if (this.disposed) return;
      this.schedule.record(spec.key, result.ok, Date.now());
      this.providers[spec.key].setNodes(spec.build(result, Date.now()));
      if (spec.key === 'pipeline') this.healthChanged(result);
    } finally {
      this.inFlight.delete(spec.key);
    }
  }

  /** A service that answers again ends its view's backoff at once, and a view shown for it catches up. */
  private healthChanged(result: PlatformResult<HealthResult>): void {
    for (const l of this.healthListeners) l(result);
    if (!result.ok) return;
    for (const spec of VIEWS) {
      const health = result.value.services.find((s) => s.service === spec.service);
      if (health?.ok && this.schedule.failuresOf(spec.key) > 0) {
        this.schedule.reset(spec.key);
        if (this.polled(spec)) void this.load(spec);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }
}
