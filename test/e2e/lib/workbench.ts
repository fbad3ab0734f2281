// What a scenario does in the VS Code workbench, the way a person does it (keyboard, palette,
// panels), and what it reads back from the screen. DOM hooks are those of VS Code 1.139
// (shared/real-vscode-notes.md); keep them all here so a VS Code bump is fixed in one place.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FrameLocator, Locator, Page } from 'playwright-core';

/**
 * Generous: on 2 shared cores a first language-server answer or a file search can take tens of
 * seconds. Waits end as soon as the screen shows the state, so this only bounds a failure.
 */
export const UI_TIMEOUT = 60_000;

export interface Problem {
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  /** Workspace-relative path as the panel groups it (e.g. "flink-jobs/filters.yaml"). */
  file: string;
  /** The whole accessible label, for error messages. */
  label: string;
}

/** A CodeLens row of an editor: the titles shown above a line. */
export interface CodeLensRow {
  /** The titles of the lenses, left to right (e.g. ["Show SQL", "matches 63 of 269 samples (23.4%)"]). */
  titles: string[];
  /** 1-based line the lenses stand above. */
  line: number;
  /** That line's text. */
  lineText: string;
}

/** A row of the Testing view's tree. */
export interface TestRow {
  label: string;
  /** Nesting level (1 = the test file). */
  level: number;
  /** The state VS Code shows for it, read from its icon and label ("passed", "failed", "errored", "unset"…). */
  state: string;
  /** The whole accessible label, for error messages. */
  ariaLabel: string;
}

export interface OutlineItem {
  label: string;
  /** Nesting level in the tree (1 = top). */
  level: number;
}

/** Matches an element's whole text, not a part of it. */
function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

function cssString(value: string): string {
  return JSON.stringify(value);
}

/** Monaco renders spaces as non-breaking spaces. */
function plain(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

export class Workbench {
  private shotNumber = 0;
  private readonly openedAt = Date.now();

  /** `folder`: the workspace folder on disk (a throwaway copy), for reading what a scenario expects. */
  constructor(
    readonly page: Page,
    readonly screenshotDir: string,
    readonly folder: string,
  ) {
    fs.mkdirSync(screenshotDir, { recursive: true });
  }

  /** Opens `folder` through code-server's URL and waits until the explorer shows it. */
  static async open(page: Page, url: string, screenshotDir: string, folder: string): Promise<Workbench> {
    const workbench = new Workbench(page, screenshotDir, folder);
    await page.goto(url);
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 2 * UI_TIMEOUT });
    await page
      .locator('.explorer-folders-view .monaco-list-row')
      .first()
      .waitFor({ timeout: 2 * UI_TIMEOUT });
    return workbench;
  }

  /** A screenshot named after the step: the evidence of what the assertion saw. */
  async step(name: string): Promise<string> {
    this.shotNumber += 1;
    const file = path.join(
      this.screenshotDir,
      `${String(this.shotNumber).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '-')}.png`,
    );
    await this.page.screenshot({ path: file });
    const seconds = ((Date.now() - this.openedAt) / 1000).toFixed(1);
    process.stderr.write(`      [${seconds} s] ${path.relative(process.cwd(), file)}\n`);
    return file;
  }

  // ---- files and editors -------------------------------------------------------------------

  /**
   * Quick Open (Ctrl+P): types the workspace-relative path and picks the row of that file; with
   * `toSide`, Ctrl+click on the row, which opens it in the editor group beside the active one.
   */
  async openFile(relativePath: string, options: { toSide?: boolean } = {}): Promise<Locator> {
    const fileName = path.posix.basename(relativePath);
    const folder = path.posix.dirname(relativePath);
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: UI_TIMEOUT });
    await input.fill(relativePath);
    // Take the row of exactly this file (not filters-examples.yaml) in this folder.
    const list = this.page.locator('.quick-input-widget .quick-input-list');
    let row = list
      .locator('.monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(fileName) }) });
    if (folder !== '.') row = row.filter({ has: this.page.locator('.label-description', { hasText: folder }) });
    row = row.first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    await row.click(options.toSide ? { modifiers: ['Control'] } : undefined);
    const editor = this.editor(fileName);
    await editor.locator('.view-lines').waitFor({ timeout: UI_TIMEOUT });
    // Opening to the side keeps Quick Open open (for more files): close it as a person would.
    if (options.toSide && (await this.page.locator('.quick-input-widget').isVisible()))
      await this.page.keyboard.press('Escape');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    return editor;
  }

  /** The editor showing a document whose URI ends with `uriSuffix`. */
  editor(uriSuffix: string): Locator {
    return this.page.locator(`.monaco-editor[data-uri$=${cssString(uriSuffix)}]`).first();
  }

  /** The visible lines of an editor as text (Monaco only renders what is on screen). */
  async visibleText(uriSuffix: string): Promise<string> {
    return this.visibleTextOf(this.editor(uriSuffix));
  }

  /**
   * The editor showing a document of a URI scheme (e.g. a virtual document such as the SQL preview,
   * whose URI ends with a query rather than its name).
   */
  editorOfScheme(scheme: string): Locator {
    return this.page.locator(`.monaco-editor[data-uri^=${cssString(`${scheme}:`)}]`).first();
  }

  /** The visible lines of an editor (see visibleText) given its locator. */
  async visibleTextOf(editor: Locator): Promise<string> {
    const lines = editor.locator('.view-lines .view-line');
    // Lines are absolutely positioned, not in document order: sort by their `top`.
    const rows = await lines.evaluateAll((elements) =>
      elements.map((element) => ({
        top: parseFloat((element as unknown as { style: { top: string } }).style.top) || 0,
        text: (element as unknown as { textContent: string | null }).textContent ?? '',
      })),
    );
    return rows
      .sort((a, b) => a.top - b.top)
      .map((row) => plain(row.text))
      .join('\n');
  }

  /** The language mode shown in the status bar for the active editor (e.g. "CDC Filters"). */
  async languageMode(): Promise<string> {
    const item = this.page.locator('[id="status.editor.mode"]');
    await item.waitFor({ timeout: UI_TIMEOUT });
    return plain((await item.innerText()).trim());
  }

  /** Go to Line (Ctrl+G); puts the cursor at the end of the line when `column` is omitted. */
  async goToLine(line: number, column?: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: UI_TIMEOUT });
    // Go to Line is Quick Open with a ":" prefix; filling the box replaces the prefix, so restore it.
    await input.fill(column === undefined ? `:${line}` : `:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    if (column === undefined) await this.page.keyboard.press('End');
  }

  /** Cursor position as the status bar shows it ("Ln 12, Col 5"). */
  async cursor(): Promise<{ line: number; column: number }> {
    const item = this.page.locator('[id="status.editor.selection"]');
    await item.waitFor({ timeout: UI_TIMEOUT });
    const match = /Ln (\d+), Col (\d+)/.exec(await item.innerText());
    if (!match) throw new Error(`cannot read the cursor position from "${await item.innerText()}"`);
    return { line: Number(match[1]), column: Number(match[2]) };
  }

  /** Types text as keystrokes (completion and auto-closing behave as for a person). */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 20 });
  }

  /**
   * Puts the cursor at `line`:`column` and types `text` over everything from there to the end of the
   * line. The last character is typed over a Shift+End selection, so whatever auto-closing inserted
   * after the cursor (a ")" for a "(") is replaced too, and a line with nothing after the cursor is not
   * joined with the next one.
   */
  async replaceToLineEnd(line: number, column: number, text: string): Promise<void> {
    await this.goToLine(line, column);
    // Typing replaces the selection (if the cursor was already at the end, it simply inserts).
    await this.page.keyboard.press('Shift+End');
    await this.typeOverRestOfLine(text);
  }

  /** Types `text` at the cursor and removes what auto-closing added after it (see replaceToLineEnd). */
  async typeOverRestOfLine(text: string): Promise<void> {
    if (text.length === 0) return;
    await this.type(text.slice(0, -1));
    await this.closeSuggestions();
    await this.page.keyboard.press('Shift+End');
    await this.type(text.slice(-1));
  }

  /**
   * Opens a new line below the cursor's line and types `text` there at exactly `indent` spaces,
   * whatever indentation the language's on-enter rules chose.
   */
  async newLineBelow(indent: number, text = ''): Promise<void> {
    await this.closeSuggestions();
    await this.page.keyboard.press('End');
    await this.page.keyboard.press('Enter');
    // Remove the auto-indentation: select to the start of the line and type over it.
    await this.page.keyboard.press('Shift+Home');
    const { column } = await this.cursor();
    if (column > 1) await this.page.keyboard.press('Shift+Home');
    await this.page.keyboard.press('Backspace');
    await this.type(' '.repeat(indent) + text);
  }

  // ---- completion --------------------------------------------------------------------------

  private suggestWidget(): Locator {
    return this.page.locator('.editor-widget.suggest-widget.visible');
  }

  /**
   * Ctrl+Space (after closing what typing may have opened, so the list answers the final text), then
   * the labels the suggest widget lists (the rows on screen).
   */
  async completionLabels(expectLabel?: string): Promise<string[]> {
    await this.closeSuggestions();
    await this.page.keyboard.press('Control+Space');
    const rows = this.suggestWidget().locator('.monaco-list-row');
    await rows.first().waitFor({ timeout: UI_TIMEOUT });
    if (expectLabel !== undefined) {
      // The list fills in as the server answers; wait for the label the scenario is about.
      await this.suggestWidget()
        .locator('.monaco-list-row .label-name', { hasText: expectLabel })
        .first()
        .waitFor({ timeout: UI_TIMEOUT })
        .catch(() => undefined);
    }
    return (await rows.locator('.label-name').allInnerTexts()).map((label) => plain(label).trim());
  }

  /**
   * With the suggest widget open, moves the selection with the arrow keys to `label` and presses
   * Enter. The list refilters while typed text arrives and the server answers, so every step
   * re-reads where the selection and the wanted row are.
   */
  async acceptCompletion(label: string): Promise<void> {
    const widget = this.suggestWidget();
    await widget.waitFor({ timeout: UI_TIMEOUT });
    const focusedRow = widget.locator('.monaco-list-row.focused');
    const wantedRow = widget
      .locator('.monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) })
      .first();
    const deadline = Date.now() + UI_TIMEOUT;
    while (Date.now() < deadline) {
      const focusedLabel = await focusedRow
        .locator('.label-name')
        .innerText({ timeout: 2000 })
        .catch(() => '');
      if (plain(focusedLabel).trim() === label) {
        await this.page.keyboard.press('Enter');
        await widget.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
        return;
      }
      const focusedIndex = await focusedRow.getAttribute('data-index', { timeout: 2000 }).catch(() => null);
      const wantedIndex =
        (await wantedRow.count()) > 0 ? await wantedRow.getAttribute('data-index').catch(() => null) : null;
      if (focusedIndex === null) continue; // the list is being replaced
      // Never press an arrow key with the widget closed: it would move the cursor instead.
      if (!(await widget.isVisible())) {
        await widget.waitFor({ timeout: 5000 }).catch(() => undefined);
        continue;
      }
      await this.page.keyboard.press(
        wantedIndex !== null && Number(wantedIndex) < Number(focusedIndex) ? 'ArrowUp' : 'ArrowDown',
      );
      await widget
        .locator(`.monaco-list-row.focused:not([data-index=${cssString(focusedIndex)}])`)
        .waitFor({ timeout: 2000 })
        .catch(() => undefined);
    }
    const shown = (
      await widget
        .locator('.monaco-list-row .label-name')
        .allInnerTexts()
        .catch(() => [])
    ).map(plain);
    throw new Error(`completion "${label}" not offered; the suggest widget shows: ${shown.join(', ')}`);
  }

  async closeSuggestions(): Promise<void> {
    if (await this.suggestWidget().isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.suggestWidget().waitFor({ state: 'hidden' });
    }
  }

  // ---- problems, outline, commands ---------------------------------------------------------

  /** Opens the Problems panel (Ctrl+Shift+M) and reads its rows. */
  async problems(): Promise<Problem[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ timeout: UI_TIMEOUT });
    }
    const labels = await panel
      .locator('.monaco-list-row[aria-label]')
      .evaluateAll((rows) =>
        rows.map(
          (row) => (row as unknown as { getAttribute(name: string): string | null }).getAttribute('aria-label') ?? '',
        ),
      );
    return parseProblemLabels(labels);
  }

  /** Reads the Problems panel until `until` holds (or the timeout passes); returns the last reading. */
  async waitForProblems(until: (problems: Problem[]) => boolean, timeoutMs = UI_TIMEOUT): Promise<Problem[]> {
    return this.poll(() => this.problems(), until, 'the Problems panel', timeoutMs);
  }

  /**
   * Shows the Outline view (palette command) with the room of the explorer's folder tree (the tree
   * only renders rows that fit), waits until its rows satisfy `until`, and returns them.
   */
  async outline(until: (items: OutlineItem[]) => boolean = (items) => items.length > 0): Promise<OutlineItem[]> {
    await this.runCommand('Explorer: Focus on Outline View');
    // Collapsing the folder tree removes its body (then nothing matches: already collapsed), so
    // follow the header element itself.
    const headers = this.page.locator('.pane:has(.explorer-folders-view) > .pane-header');
    const foldersHeader = (await headers.count()) > 0 ? await headers.first().elementHandle() : null;
    if (foldersHeader && (await foldersHeader.getAttribute('aria-expanded')) === 'true') {
      await foldersHeader.click();
      await this.page.waitForFunction(
        (header) =>
          (header as unknown as { getAttribute(name: string): string | null }).getAttribute('aria-expanded') ===
          'false',
        foldersHeader,
        { timeout: UI_TIMEOUT },
      );
    }
    const rows = this.page.locator('.outline-tree .monaco-list-row[role=treeitem]');
    const read = () =>
      rows.evaluateAll((elements) =>
        elements.map((element) => {
          const row = element as unknown as {
            getAttribute(name: string): string | null;
            querySelector(selector: string): { textContent: string | null } | null;
          };
          return {
            label: (row.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
            level: Number(row.getAttribute('aria-level') ?? '1'),
          };
        }),
      );
    return this.poll(read, until, 'the Outline view');
  }

  /** Re-reads the screen until `until` holds (or the timeout passes) and returns the last reading. */
  async poll<T>(
    read: () => Promise<T>,
    until: (value: T) => boolean,
    what: string,
    timeoutMs = UI_TIMEOUT,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let value = await read();
    while (!until(value)) {
      if (Date.now() > deadline) {
        process.stderr.write(
          `[e2e] ${what} did not reach the expected state in ${timeoutMs} ms; last reading: ${JSON.stringify(value)}\n`,
        );
        return value;
      }
      await this.page.waitForTimeout(250);
      value = await read();
    }
    return value;
  }

  /** Command palette (F1): types the command's title and runs the row with exactly that label. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: UI_TIMEOUT });
    await input.fill(`>${title}`);
    const row = this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(title) }) })
      .first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    await row.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Quick fixes offered at the cursor (Ctrl+.), by title. */
  async quickFixes(): Promise<string[]> {
    await this.page.keyboard.press('Control+.');
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    await rows.first().waitFor({ timeout: UI_TIMEOUT });
    return (await rows.allInnerTexts()).map((text) => plain(text).trim());
  }

  /** Applies, with the keyboard, the quick fix whose title contains `title` (menu opened by quickFixes()). */
  async applyQuickFix(title: string): Promise<void> {
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    const focused = this.page.locator('.action-widget .monaco-list-row.action.focused');
    const count = await rows.count();
    for (let i = 0; i < count; i += 1) {
      if ((await focused.count()) > 0 && plain(await focused.first().innerText()).includes(title)) {
        await this.page.keyboard.press('Enter');
        await rows.first().waitFor({ state: 'detached', timeout: UI_TIMEOUT });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no quick fix "${title}" in: ${(await rows.allInnerTexts()).join(' | ')}`);
  }

  /**
   * Find (Ctrl+F) in an editor, as a person looks for a text in a long document: focuses the editor,
   * types `text` into the find widget (the editor scrolls to the first match), then closes the widget.
   */
  async findInEditor(editor: Locator, text: string): Promise<void> {
    await editor.locator('.view-lines').click();
    await this.page.keyboard.press('Control+F');
    const input = editor.locator('.find-widget.visible textarea, .find-widget.visible input').first();
    await input.waitFor({ timeout: UI_TIMEOUT });
    await input.fill(text);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Escape');
    await editor.locator('.find-widget.visible').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  }

  /**
   * The CodeLens rows on screen in an editor (Monaco renders only those of visible lines), each with
   * the line it stands above.
   */
  async codeLenses(uriSuffix: string): Promise<CodeLensRow[]> {
    const editor = this.editor(uriSuffix);
    // No named functions inside: tsx would wrap them in a helper (__name) the page lacks.
    return editor.evaluate((root) => {
      type El = {
        getBoundingClientRect(): { top: number; bottom: number };
        textContent: string | null;
        querySelectorAll(selector: string): ArrayLike<El>;
        matches(selector: string): boolean;
      };
      const editorRoot = root as unknown as El;
      const lines = Array.from(editorRoot.querySelectorAll('.view-lines .view-line')).map((e) => ({
        box: e.getBoundingClientRect(),
        text: (e.textContent ?? '').replace(/\u00a0/g, ' '),
      }));
      const numbers = Array.from(editorRoot.querySelectorAll('.margin-view-overlays .line-numbers')).map((e) => ({
        box: e.getBoundingClientRect(),
        line: Number((e.textContent ?? '').trim()),
      }));
      return Array.from(editorRoot.querySelectorAll('.contentWidgets .codelens-decoration')).map((lens) => {
        const box = lens.getBoundingClientRect();
        const titles = Array.from(lens.querySelectorAll('a, span'))
          .filter((e) => !e.matches('.codicon'))
          .map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ').trim())
          .filter((t) => t !== '' && t !== '|');
        const below = lines.filter((l) => l.box.top >= box.bottom - 2).sort((a, b) => a.box.top - b.box.top)[0];
        const number = below ? numbers.find((n) => Math.abs(n.box.top - below.box.top) < 3) : undefined;
        return { titles, line: number ? number.line : 0, lineText: below ? below.text : '' };
      });
    });
  }

  /** The lines on screen of an editor with their numbers (as the gutter shows them). */
  async visibleLinesOf(editor: Locator): Promise<{ line: number; text: string }[]> {
    return editor.evaluate((root) => {
      type El = {
        getBoundingClientRect(): { top: number };
        textContent: string | null;
        querySelectorAll(selector: string): ArrayLike<El>;
      };
      const editorRoot = root as unknown as El;
      const numbers = Array.from(editorRoot.querySelectorAll('.margin-view-overlays .line-numbers')).map((e) => ({
        top: e.getBoundingClientRect().top,
        line: Number((e.textContent ?? '').trim()),
      }));
      return Array.from(editorRoot.querySelectorAll('.view-lines .view-line'))
        .map((e) => ({ top: e.getBoundingClientRect().top, text: (e.textContent ?? '').replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => ({ line: numbers.find((n) => Math.abs(n.top - l.top) < 3)?.line ?? 0, text: l.text }));
    });
  }

  /** Reads the CodeLens rows of an editor until `until` holds (or the timeout passes). */
  async waitForCodeLenses(
    uriSuffix: string,
    until: (rows: CodeLensRow[]) => boolean,
    timeoutMs = UI_TIMEOUT,
  ): Promise<CodeLensRow[]> {
    return this.poll(() => this.codeLenses(uriSuffix), until, `the CodeLenses of ${uriSuffix}`, timeoutMs);
  }

  /** Clicks the CodeLens titled `title` above line `line` (on screen) of an editor. */
  async clickCodeLens(uriSuffix: string, line: number, title: string): Promise<void> {
    const rows = await this.codeLenses(uriSuffix);
    const index = rows.findIndex((row) => row.line === line && row.titles.includes(title));
    if (index < 0) throw new Error(`no CodeLens "${title}" above line ${line}; on screen: ${JSON.stringify(rows)}`);
    await this.editor(uriSuffix)
      .locator('.contentWidgets .codelens-decoration')
      .nth(index)
      .locator('a', { hasText: exactly(title) })
      .first()
      .click();
  }

  /**
   * The content of the webview on screen (the routing preview…): a webview is an `iframe.webview`
   * whose document holds the extension's page in `iframe#active-frame`.
   */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
  }

  /** Shows the Testing view (the Test Explorer) and reads its rows, expanding the test files. */
  async testRows(): Promise<TestRow[]> {
    const tree = this.page.locator('.test-explorer .monaco-list');
    if (!(await tree.isVisible())) {
      await this.runCommand('Testing: Focus on Test Explorer View');
      await tree.waitFor({ timeout: UI_TIMEOUT });
    }
    // Expand the collapsed file rows (level 1) so their cases show.
    const collapsed = this.page.locator('.test-explorer .monaco-list-row[aria-level="1"][aria-expanded="false"]');
    for (let i = 0; i < 5 && (await collapsed.count()) > 0; i += 1) {
      await collapsed.first().locator('.monaco-tl-twistie').click();
    }
    return this.page.locator('.test-explorer .monaco-list-row').evaluateAll((elements) =>
      elements.map((element) => {
        const row = element as unknown as {
          getAttribute(name: string): string | null;
          querySelector(selector: string): { textContent: string | null; className: string } | null;
        };
        const ariaLabel = (row.getAttribute('aria-label') ?? '').replace(/\u00a0/g, ' ');
        const icon =
          row.querySelector('.computed-state')?.className ??
          row.querySelector('[class*="codicon-testing-"]')?.className ??
          '';
        const fromIcon = /codicon-testing-(passed|failed|error|skipped|queued|unset|run)/.exec(icon)?.[1];
        const fromLabel = /\((Passed|Failed|Errored|Skipped|Queued|Running|Not yet run)\)\s*$/i.exec(ariaLabel)?.[1];
        return {
          // The name only, not the duration the row shows after it: from "name (State), in 1.2ms".
          label: (/^(.*) \([^()]*\)(?:, in [^,]*)?$/.exec(ariaLabel)?.[1] ?? ariaLabel).trim(),
          level: Number(row.getAttribute('aria-level') ?? '1'),
          state:
            (fromIcon === 'error' ? 'errored' : fromIcon === 'run' ? 'running' : fromIcon) ??
            (fromLabel ?? 'unknown').toLowerCase(),
          ariaLabel,
        };
      }),
    );
  }

  /** Reads the Testing view until `until` holds (or the timeout passes). */
  async waitForTestRows(until: (rows: TestRow[]) => boolean, timeoutMs = UI_TIMEOUT): Promise<TestRow[]> {
    return this.poll(() => this.testRows(), until, 'the Testing view', timeoutMs);
  }

  /**
   * A test's failure as VS Code shows it (message, expected vs actual): clicks the test's row in the
   * Test Results panel (a failing run opens it) and reads the panel, whose results view shows the
   * selected test's message beside the tree, until `until` holds.
   */
  async testFailure(testLabel: string, until: (text: string) => boolean): Promise<string> {
    const panel = this.page.locator('.part.panel');
    const row = panel.locator('.monaco-list-row', { hasText: testLabel }).first();
    if (!(await row.isVisible())) await this.runCommand('Test Results: Focus on Test Results View');
    await row.waitFor({ timeout: UI_TIMEOUT });
    await row.click();
    return this.poll(
      () =>
        panel
          .innerText()
          .then(plain)
          .catch(() => ''),
      until,
      'the Test Results panel',
    );
  }

  /** Notifications toasts currently shown, by message. */
  async notifications(): Promise<string[]> {
    return (
      await this.page
        .locator('.notifications-toasts .notification-toast .notification-list-item-message')
        .allInnerTexts()
    ).map((text) => plain(text).trim());
  }
}

/**
 * Reads the Problems panel's accessible labels, e.g. "Error: Unknown field 'x' at line 37 and
 * character 9." (a source may follow); file rows ("1 problems in file filters.yaml of folder
 * flink-jobs") name the file of the rows under them.
 */
function parseProblemLabels(labels: string[]): Problem[] {
  const problems: Problem[] = [];
  let file = '';
  for (const label of labels) {
    const fileRow = /problems? in file (.+?)(?: of folder (.+))?$/i.exec(label);
    if (fileRow) {
      file = fileRow[2] ? `${fileRow[2]}/${fileRow[1]}` : fileRow[1];
      continue;
    }
    const row = /^(Error|Warning|Info)\s*:\s*([\s\S]*) at line (\d+) and character (\d+)\./i.exec(label);
    if (!row) continue;
    const severity = row[1].toLowerCase() as Problem['severity'];
    problems.push({ severity, message: row[2].trim(), line: Number(row[3]), column: Number(row[4]), file, label });
  }
  return problems;
}
