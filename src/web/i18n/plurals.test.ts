// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { fr } from './fr.ts';

// Every feature's own words (src/web/features/<feature>/messages.ts), besides the app-wide ones.
const featureMessages = import.meta.glob<Record<string, unknown>>('../features/*/messages.ts', { eager: true });

/** Each `x_one` without an `x_other` beside it: i18next then writes the key, or "1 gaps", for other counts. */
function missingOthers(tree: unknown, path: string): string[] {
  if (!tree || typeof tree !== 'object') return [];
  const keys = Object.keys(tree);
  const missing = keys.filter((k) => k.endsWith('_one') && !keys.includes(`${k.slice(0, -4)}_other`)).map((k) => `${path}${k.slice(0, -4)}`);
  return [...missing, ...keys.flatMap((k) => missingOthers((tree as Record<string, unknown>)[k], `${path}${k}.`))];
}

describe('plural words', () => {
  it('gives every counted phrase its singular and its plural, in French and English', () => {
    const bundles: [string, unknown][] = [
      ['fr', fr],
      ['en', en],
      ...Object.entries(featureMessages).flatMap(([file, module]) =>
        Object.entries(module).map(([name, tree]): [string, unknown] => [`${file}#${name}`, tree]),
      ),
    ];
    expect(bundles.length).toBeGreaterThan(8);
    expect(bundles.flatMap(([name, tree]) => missingOthers(tree, `${name}: `))).toEqual([]);
  });

  it('counts with the word the number calls for', async () => {
    const { i18n, initI18n, applyLanguage } = await import('./i18n.ts');
    await initI18n('fr');
    // The shared components' words (src/web/ui/messages.ts) register their namespace on import.
    await import('../ui/messages.ts');
    expect(i18n.t('list.results', { count: 1, formatted: '1' })).toBe('1 résultat');
    expect(i18n.t('list.results', { count: 2, formatted: '2' })).toBe('2 résultats');
    await applyLanguage('en');
    expect(i18n.t('list.results', { count: 1, formatted: '1' })).toBe('1 result');
    // The namespace is outside the app-wide typed resources, on purpose (see namespace.ts).
    const fixedT = i18n.getFixedT.bind(i18n) as unknown as (language: string, namespace: string) => (key: string, options: object) => string;
    const ui = fixedT('en', 'ui');
    expect(ui('filtersToggle', { count: 3 })).toBe('Filters (3)');
    await applyLanguage('fr');
  });
});
