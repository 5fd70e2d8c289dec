/**
 * Every user-facing string exists in English and Korean:
 *  - package.json contributions: `%key%` placeholders, text in package.nls.json and package.nls.ko.json;
 *  - run-time strings: `l10n.t('…')` calls in src/, text in l10n/bundle.l10n.json (generated from the
 *    sources by `npm run l10n:export`) and l10n/bundle.l10n.ko.json.
 * A string added to the code or to package.json without its translation fails here, with the keys.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as L10nDev from '@vscode/l10n-dev';

const ROOT = path.resolve(__dirname, '../../..');
const LANGUAGES = ['ko'] as const;

type Message = string | { readonly message: string; readonly comment: readonly string[] };

function readJson<T>(relative: string): T {
  const file = path.join(ROOT, relative);
  assert.ok(fs.existsSync(file), `${relative} is missing`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function textOf(message: Message): string {
  return typeof message === 'string' ? message : message.message;
}

/** A list for a failure message: one key per line, quoted, so that spaces and newlines show. */
function listed(keys: readonly string[]): string {
  return keys.map((key) => `\n    ${JSON.stringify(key)}`).join('');
}

/** `{0}`, `{1}` … as a sorted multiset: a translation may move a placeholder, never drop or add one. */
function placeholders(text: string): string[] {
  return (text.match(/\{\d+\}/g) ?? []).sort();
}

/** `$(sign-in)`, `$(warning)` …: codicons must survive translation unchanged. */
function icons(text: string): string[] {
  return (text.match(/\$\([a-z0-9~-]+\)/gi) ?? []).sort();
}

/** Targets of Markdown links, `(command:…)` and `(https://…)`: a translation keeps every link working. */
function linkTargets(text: string): string[] {
  return (text.match(/\]\([^)\s]+\)/g) ?? []).sort();
}

/** Problems of one translation against its English text, as sentences (empty when it is fine). */
function translationProblems(english: string, translated: unknown, what: { links?: boolean } = {}): string[] {
  if (typeof translated !== 'string' || translated.trim() === '') return ['is empty or not a string'];
  const problems: string[] = [];
  const compare = (name: string, pick: (text: string) => string[]) => {
    const want = pick(english);
    const have = pick(translated);
    if (JSON.stringify(want) !== JSON.stringify(have)) problems.push(`has ${name} ${JSON.stringify(have)} where the English has ${JSON.stringify(want)}`);
  };
  compare('placeholders', placeholders);
  compare('icons', icons);
  if (what.links) compare('links', linkTargets);
  return problems;
}

function sameKeys(english: Record<string, unknown>, other: Record<string, unknown>, names: { english: string; other: string }): void {
  const missing = Object.keys(english).filter((key) => !(key in other));
  const extra = Object.keys(other).filter((key) => !(key in english));
  failIf(
    missing.length > 0 || extra.length > 0,
    [
      missing.length ? `${missing.length} key(s) of ${names.english} have no translation in ${names.other}:${listed(missing)}` : '',
      extra.length ? `${extra.length} key(s) of ${names.other} are not in ${names.english} (stale; remove them):${listed(extra)}` : '',
    ].filter(Boolean).join('\n'),
  );
}

function assertNoProblems(problems: readonly string[], heading: string): void {
  failIf(problems.length > 0, `${heading}:\n  ${problems.join('\n  ')}`);
}

/** assert.fail with just the message: no "expected true, got false" diff after a list of keys. */
function failIf(failed: boolean, message: string): void {
  if (failed) assert.fail(message);
}

/** Every TypeScript file under src/, as @vscode/l10n-dev's export would find them. */
function sourceFiles(dir = path.join(ROOT, 'src')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|jsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The parts of package.json `contributes` that carry text a user reads. */
interface Contributes {
  readonly viewsContainers?: { readonly activitybar?: readonly { readonly title?: unknown }[] };
  readonly views?: Readonly<Record<string, readonly { readonly name?: unknown; readonly contextualTitle?: unknown }[]>>;
  readonly viewsWelcome?: readonly { readonly contents?: unknown }[];
  readonly commands?: readonly { readonly command?: unknown; readonly title?: unknown; readonly category?: unknown; readonly shortTitle?: unknown }[];
  readonly configuration?: {
    readonly title?: unknown;
    readonly properties?: Readonly<Record<string, Readonly<Record<string, unknown>> & { readonly enumDescriptions?: readonly unknown[]; readonly markdownEnumDescriptions?: readonly unknown[] }>>;
  };
}

describe('l10n: English and Korean', () => {
  describe('package.json contributions (package.nls.json, package.nls.ko.json)', () => {
    const manifest = readJson<Record<string, unknown>>('package.json');
    const english = readJson<Record<string, string>>('package.nls.json');

    /** Every `%key%` string anywhere in package.json, with where it is. */
    function placeholdersInManifest(): Map<string, string> {
      const found = new Map<string, string>();
      const walk = (value: unknown, where: string) => {
        if (typeof value === 'string') {
          const match = /^%([^%\s]+)%$/.exec(value);
          if (match) found.set(match[1]!, where);
        } else if (Array.isArray(value)) {
          value.forEach((item, index) => walk(item, `${where}[${index}]`));
        } else if (typeof value === 'object' && value !== null) {
          for (const [key, item] of Object.entries(value)) walk(item, `${where}.${key}`);
        }
      };
      walk(manifest, 'package.json');
      return found;
    }

    it('defines every %key% used in package.json, in English and in every other language', () => {
      const used = placeholdersInManifest();
      assert.ok(used.size > 0, 'package.json uses no %key% at all');
      for (const [file, messages] of [['package.nls.json', english], ...LANGUAGES.map((language) => [`package.nls.${language}.json`, readJson<Record<string, string>>(`package.nls.${language}.json`)] as const)] as const) {
        const missing = [...used].filter(([key]) => !(key in messages)).map(([key, where]) => `${key} (used at ${where})`);
        failIf(missing.length > 0, `${missing.length} %key%(s) used in package.json are not defined in ${file}:${listed(missing)}`);
      }
    });

    it('has no key in package.nls.json that package.json does not use', () => {
      const used = placeholdersInManifest();
      const unused = Object.keys(english).filter((key) => !used.has(key));
      failIf(unused.length > 0, `${unused.length} key(s) of package.nls.json are used nowhere in package.json:${listed(unused)}`);
    });

    it('leaves no user-facing text in package.json itself', () => {
      const contributes = manifest.contributes as Contributes;
      const literal: string[] = [];
      const check = (value: unknown, where: string) => {
        if (typeof value === 'string' && !/^%[^%\s]+%$/.test(value)) literal.push(`${where}: ${JSON.stringify(value)}`);
      };
      check(manifest.displayName, 'displayName');
      check(manifest.description, 'description');
      for (const [index, container] of (contributes.viewsContainers?.activitybar ?? []).entries()) check(container.title, `viewsContainers.activitybar[${index}].title`);
      for (const [group, views] of Object.entries(contributes.views ?? {})) {
        for (const [index, view] of views.entries()) {
          check(view.name, `views.${group}[${index}].name`);
          check(view.contextualTitle, `views.${group}[${index}].contextualTitle`);
        }
      }
      for (const [index, welcome] of (contributes.viewsWelcome ?? []).entries()) check(welcome.contents, `viewsWelcome[${index}].contents`);
      for (const command of contributes.commands ?? []) {
        check(command.title, `commands ${String(command.command)} title`);
        check(command.category, `commands ${String(command.command)} category`);
        check(command.shortTitle, `commands ${String(command.command)} shortTitle`);
      }
      check(contributes.configuration?.title, 'configuration.title');
      for (const [name, property] of Object.entries(contributes.configuration?.properties ?? {})) {
        for (const field of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) check(property[field], `configuration ${name} ${field}`);
        for (const [index, text] of (property.enumDescriptions ?? property.markdownEnumDescriptions ?? []).entries()) check(text, `configuration ${name} enumDescriptions[${index}]`);
      }
      failIf(literal.length > 0, `user-facing text written in package.json instead of a %key% in package.nls.json:\n  ${literal.join('\n  ')}`);
    });

    for (const language of LANGUAGES) {
      const file = `package.nls.${language}.json`;

      it(`${file} has exactly the keys of package.nls.json`, () => {
        sameKeys(english, readJson(file), { english: 'package.nls.json', other: file });
      });

      it(`${file} has a non-empty text for every key, with the same icons, placeholders and links`, () => {
        const translated = readJson<Record<string, unknown>>(file);
        const problems: string[] = [];
        for (const [key, text] of Object.entries(english)) {
          if (typeof text !== 'string' || text.trim() === '') problems.push(`package.nls.json: ${key} is empty`);
          if (!(key in translated)) continue; // reported by the key test
          for (const problem of translationProblems(text, translated[key], { links: true })) problems.push(`${file}: ${key} ${problem}`);
        }
        assertNoProblems(problems, 'package.nls translations with problems');
      });
    }
  });

  describe('run-time strings (l10n/bundle.l10n.json, l10n/bundle.l10n.ko.json)', () => {
    const english = readJson<Record<string, Message>>('l10n/bundle.l10n.json');

    it('package.json points VS Code at the l10n folder', () => {
      assert.equal(readJson<{ l10n?: string }>('package.json').l10n, './l10n');
    });

    it('calls l10n.t only with literal text, which the export can read', () => {
      // `l10n.t(someVariable)` would translate nothing: @vscode/l10n-dev only extracts literals.
      const dynamic: string[] = [];
      for (const file of sourceFiles()) {
        const lines = fs.readFileSync(file, 'utf8').split('\n');
        lines.forEach((line, index) => {
          for (const match of line.matchAll(/\bl10n\.t\(\s*(.?)/g)) {
            const next = match[1] === '' ? (lines[index + 1] ?? '').trim().charAt(0) : match[1];
            if (!["'", '"', '`', '{'].includes(next ?? '')) dynamic.push(`${path.relative(ROOT, file)}:${index + 1}: ${line.trim()}`);
          }
        });
      }
      failIf(dynamic.length > 0, `l10n.t called with something other than a literal:\n  ${dynamic.join('\n  ')}`);
    });

    it('bundle.l10n.json is up to date with the l10n.t calls in src/ (npm run l10n:export)', async function () {
      this.timeout(60_000);
      // The same extraction `npm run l10n:export` runs, in memory (loaded here: only this test needs it).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { getL10nJson } = require('@vscode/l10n-dev') as typeof L10nDev;
      const files = sourceFiles().map((file) => ({ contents: fs.readFileSync(file, 'utf8'), extension: path.extname(file) }));
      const exported = (await getL10nJson(files)) as Record<string, Message>;
      assert.ok(Object.keys(exported).length > 100, `the export found only ${Object.keys(exported).length} strings in src/`);
      const missing = Object.keys(exported).filter((key) => !(key in english));
      const stale = Object.keys(english).filter((key) => !(key in exported));
      failIf(
        missing.length > 0 || stale.length > 0,
        [
          missing.length ? `${missing.length} string(s) in the code are not in l10n/bundle.l10n.json (run \`npm run l10n:export\`, then translate them in l10n/bundle.l10n.ko.json):${listed(missing)}` : '',
          stale.length ? `${stale.length} string(s) of l10n/bundle.l10n.json are no longer in the code (run \`npm run l10n:export\` and remove them from l10n/bundle.l10n.ko.json):${listed(stale)}` : '',
        ].filter(Boolean).join('\n'),
      );
      assert.deepEqual(english, exported, 'l10n/bundle.l10n.json differs from what `npm run l10n:export` writes (comments or messages changed): run it again');
    });

    it('bundle.l10n.json has a non-empty message for every key', () => {
      const empty = Object.entries(english).filter(([, message]) => textOf(message).trim() === '').map(([key]) => key);
      failIf(empty.length > 0, `empty messages in l10n/bundle.l10n.json:${listed(empty)}`);
    });

    for (const language of LANGUAGES) {
      const file = `l10n/bundle.l10n.${language}.json`;

      it(`${file} has exactly the keys of bundle.l10n.json`, () => {
        sameKeys(english, readJson(file), { english: 'l10n/bundle.l10n.json', other: file });
      });

      it(`${file} has a non-empty text for every key, with the same {n} placeholders and $(icons)`, () => {
        const translated = readJson<Record<string, unknown>>(file);
        const problems: string[] = [];
        for (const [key, message] of Object.entries(english)) {
          if (!(key in translated)) continue; // reported by the key test
          const value = translated[key];
          for (const problem of translationProblems(textOf(message), typeof value === 'object' && value !== null ? (value as { message?: unknown }).message : value)) {
            problems.push(`${JSON.stringify(key)} ${problem}`);
          }
        }
        assertNoProblems(problems, `${file} translations with problems`);
      });
    }
  });
});
