import * as fs from 'fs';
import * as path from 'path';

/**
 * Renders a config template of stack/conf/: every {{name}} is replaced; a placeholder without a value is an error,
 * so a typo never reaches a service as a literal "{{...}}".
 */
function renderTemplate(templateFile: string, values: Record<string, string | number>): string {
  const text = fs.readFileSync(templateFile, 'utf8');
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`${templateFile}: no value for {{${name}}}`);
    return String(values[name]);
  });
}

export function writeRendered(templateFile: string, target: string, values: Record<string, string | number>): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, renderTemplate(templateFile, values));
}
