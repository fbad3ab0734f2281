// The extension's own views in the workbench: tree views of a view container (rows, their context-menu
// actions), the modal dialog, and progress/notification reading. Kept apart from workbench.ts so the
// scenarios that use them add to the harness without changing it. DOM hooks of VS Code 1.139.
import type { Locator } from 'playwright-core';
import { UI_TIMEOUT, type Workbench } from './workbench';

/** A row of a tree view, as shown. */
export interface TreeRow {
  label: string;
  description: string;
  /** The accessible label (what a screen reader says). */
  ariaLabel: string;
  level: number;
  /** The codicon class of the row's icon (e.g. "codicon-pass-filled"), when it has one. */
  icon: string;
}

function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'i');
}

/** The pane of the view titled `view` (e.g. "Flink Jobs") in the side bar. */
function viewPane(workbench: Workbench, view: string): Locator {
  return workbench.page
    .locator('.part.sidebar .pane')
    .filter({ has: workbench.page.locator('.pane-header .title', { hasText: exactly(view) }) })
    .first();
}

/**
 * Shows a view through its generated "Focus on … View" command (as a person would from the palette) and
 * makes sure its pane is expanded.
 */
export async function showView(workbench: Workbench, container: string, view: string): Promise<Locator> {
  await workbench.runCommand(`${container}: Focus on ${view} View`);
  const pane = viewPane(workbench, view);
  await pane.waitFor({ timeout: UI_TIMEOUT });
  const header = pane.locator('.pane-header').first();
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  return pane;
}

/** The rows a tree view shows now. */
async function treeRows(workbench: Workbench, view: string): Promise<TreeRow[]> {
  // No named functions inside: tsx would wrap them in a helper (__name) the page lacks.
  return viewPane(workbench, view)
    .locator('.pane-body .monaco-list-row')
    .evaluateAll((elements) =>
      elements.map((element) => {
        const row = element as unknown as {
          getAttribute(name: string): string | null;
          querySelector(selector: string): { textContent: string | null; className: string } | null;
          querySelectorAll(selector: string): ArrayLike<{ className: string }>;
        };
        // The item's ThemeIcon is a codicon class on its label (the twistie's codicon is not the item's).
        const iconClasses = Array.from(row.querySelectorAll('[class*="codicon-"]'))
          .map((e) => String(e.className))
          .filter((c) => !c.includes('monaco-tl-twistie'));
        return {
          label: (row.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
          description: (row.querySelector('.label-description')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
          ariaLabel: (row.getAttribute('aria-label') ?? '').replace(/\u00a0/g, ' '),
          level: Number(row.getAttribute('aria-level') ?? '1'),
          icon: /codicon-[\w-]+/.exec(iconClasses[0] ?? '')?.[0] ?? '',
        };
      }),
    )
    .catch(() => [] as TreeRow[]);
}

/** Reads a tree view until `until` holds (or the timeout passes), pressing its refresh button between reads if it has one. */
export async function waitForTreeRows(
  workbench: Workbench,
  view: string,
  until: (rows: TreeRow[]) => boolean,
  options: { timeoutMs?: number; refreshTitle?: string } = {},
): Promise<TreeRow[]> {
  let reads = 0;
  return workbench.poll(
    async () => {
      reads += 1;
      // Every ~5 s ask for fresh data rather than wait for the view's own timer.
      if (options.refreshTitle && reads % 20 === 0)
        await clickViewAction(workbench, view, options.refreshTitle).catch(() => undefined);
      return treeRows(workbench, view);
    },
    until,
    `the ${view} view`,
    options.timeoutMs ?? UI_TIMEOUT,
  );
}

/** Clicks a button of a view's title bar by its title (e.g. "Refresh Flink Jobs"). */
async function clickViewAction(workbench: Workbench, view: string, title: string): Promise<void> {
  const pane = viewPane(workbench, view);
  await pane.locator('.pane-header').first().hover();
  const button = pane.locator(`.pane-header .actions .action-label[aria-label=${JSON.stringify(title)}]`).first();
  await button.waitFor({ timeout: UI_TIMEOUT });
  await button.click();
}

/**
 * Right-clicks the row labelled `rowLabel` of a tree view and runs the context-menu action titled
 * `action` with the keyboard (arrow keys to it, Enter): a click that lands right after the menu opens is
 * ignored by VS Code's menu.
 */
export async function runRowAction(
  workbench: Workbench,
  view: string,
  rowLabel: string,
  action: string,
): Promise<void> {
  const page = workbench.page;
  const row = viewPane(workbench, view)
    .locator('.pane-body .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactly(rowLabel) }) })
    .first();
  await row.waitFor({ timeout: UI_TIMEOUT });
  await row.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu').first();
  const items = menu.locator('.action-item:not(.disabled) .action-menu-item');
  await items.first().waitFor({ timeout: UI_TIMEOUT });
  const labels = (await items.locator('.action-label').allInnerTexts()).map((t) => t.trim());
  const index = labels.findIndex((label) => exactly(action).test(label));
  if (index < 0) throw new Error(`no "${action}" in the context menu of ${rowLabel}: ${labels.join(' | ')}`);
  for (let i = 0; i <= index; i += 1) await page.keyboard.press('ArrowDown');
  const focused = await menu
    .locator('.action-item.focused .action-label')
    .innerText()
    .catch(() => '');
  if (!exactly(action).test(focused))
    throw new Error(`the context menu focused "${focused}" instead of "${action}" (items: ${labels.join(' | ')})`);
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

/** The modal dialog on screen: its message and detail text, and its buttons. */
function dialog(workbench: Workbench): Locator {
  return workbench.page.locator('.monaco-dialog-box').first();
}

export async function waitForDialog(
  workbench: Workbench,
  timeoutMs = UI_TIMEOUT,
): Promise<{ text: string; buttons: string[] }> {
  const box = dialog(workbench);
  await box.waitFor({ timeout: timeoutMs });
  const text = (await box.locator('.dialog-message-container, .dialog-message-row').first().innerText()).replace(
    /\u00a0/g,
    ' ',
  );
  const buttons = (await box.locator('.dialog-buttons .monaco-button').allInnerTexts()).map((b) => b.trim());
  return { text, buttons };
}

export async function clickDialogButton(workbench: Workbench, label: string): Promise<void> {
  const box = dialog(workbench);
  await box
    .locator('.dialog-buttons .monaco-button', { hasText: exactly(label) })
    .first()
    .click();
  await box.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

/** Every notification toast's text (message and progress detail), while they show. */
export async function toastTexts(workbench: Workbench): Promise<string[]> {
  return (
    await workbench.page
      .locator('.notifications-toasts .notification-toast')
      .allInnerTexts()
      .catch(() => [] as string[])
  ).map((text) =>
    text
      .replace(/\u00a0/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/**
 * Runs a palette command that answers with its own quick pick (e.g. Deploy…'s profile pick): like
 * Workbench.runCommand, but waits for the command's pick (its placeholder) instead of a closed widget,
 * and returns the pick's rows.
 */
export async function runCommandToPick(workbench: Workbench, title: string, placeholder: RegExp): Promise<string[]> {
  const page = workbench.page;
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: UI_TIMEOUT });
  await input.fill(`>${title}`);
  const row = page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactly(title) }) })
    .first();
  await row.waitFor({ timeout: UI_TIMEOUT });
  await row.click();
  await workbench.poll(
    async () => (await input.getAttribute('placeholder').catch(() => '')) ?? '',
    (p) => placeholder.test(p),
    `the pick of ${title}`,
  );
  return (await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts()).map((t) =>
    t.replace(/\s+/g, ' ').trim(),
  );
}
