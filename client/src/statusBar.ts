import * as vscode from 'vscode';
import type { HealthResult, PlatformResult } from '../../server/src/protocol';
import { healthSummary } from './sidebar/healthSummary';

/** The status bar's health verdict on the active profile; a click shows the Pipeline view. */
export class HealthStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cdcRouting.health', vscode.StatusBarAlignment.Left, 10);

  constructor(profile: string) {
    this.item.name = 'CDC Routing Health';
    this.item.command = 'cdcRouting.pipeline.focus';
    this.show(profile, undefined);
    this.item.show();
  }

  show(profile: string, result: PlatformResult<HealthResult> | undefined): void {
    const summary = healthSummary(result?.ok ? result.value.profile : profile, result);
    this.item.text = summary.text;
    this.item.tooltip = summary.tooltip;
    this.item.backgroundColor = summary.ok ? undefined : new vscode.ThemeColor('statusBarItem.errorBackground');
  }

  dispose(): void {
    this.item.dispose();
  }
}
