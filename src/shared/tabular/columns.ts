import type { Language } from '../contracts/common.ts';
import { createNameIndex, type NameIndex } from '../name-index.ts';
import { searchKey } from '../text.ts';
import { type HxlTag, parseHxlTag } from './hxl.ts';

export type Labels = Readonly<Record<Language, string>>;

/** One accepted value of an enumeration: stored as `value`, read and written as its label. */
export interface EnumOption {
  readonly value: string;
  readonly label: Labels;
  /** Other spellings people use ("WASH", "Eau hygiène assainissement"). */
  readonly aliases?: readonly string[];
}

interface ColumnBase {
  readonly key: string;
  /** HXL hashtag and attributes, e.g. '#adm3+code'. */
  readonly hxl?: string;
  /** Header written by exports and templates; both languages are recognised on import. */
  readonly header: Labels;
  /** More header names recognised on import (accents, case and punctuation ignored). */
  readonly aliases?: readonly string[];
  readonly required?: boolean;
  /** No two rows of a file may hold the same value (e.g. `#meta+id`). */
  readonly unique?: boolean;
  /** Column width in exported workbooks, in characters. */
  readonly width?: number;
}

export interface TextColumn extends ColumnBase {
  readonly type: 'text';
  /** Default 4000. */
  readonly maxLength?: number;
}
export interface NumberColumn extends ColumnBase {
  readonly type: 'integer' | 'number';
  readonly min?: number;
  readonly max?: number;
}
export interface DateColumn extends ColumnBase {
  readonly type: 'date';
  /** ISO dates, inclusive. */
  readonly min?: string;
  readonly max?: string;
}
export interface BooleanColumn extends ColumnBase {
  readonly type: 'boolean';
}
export interface EnumColumn extends ColumnBase {
  readonly type: 'enum';
  readonly options: readonly EnumOption[];
}
/**
 * Several values in one cell, separated by `;` `|` or line breaks, and for options by commas too
 * ("Santé, Nutrition", while "EHA (eau, hygiène, assainissement)" stays one option); exports join
 * them with "; ". Free-text items may hold commas but not `;` `|` or line breaks.
 */
export interface ListColumn extends ColumnBase {
  readonly type: 'list';
  /** When given, every item must be one of them. */
  readonly options?: readonly EnumOption[];
  /** Maximum length of each item (default 4000). */
  readonly maxLength?: number;
}

export type ColumnSpec = TextColumn | NumberColumn | DateColumn | BooleanColumn | EnumColumn | ListColumn;

type OptionValue<O> = O extends readonly (infer E)[] ? (E extends { value: infer V } ? V : never) : never;
type BaseValueOf<C> = C extends { type: 'text' }
  ? string
  : C extends { type: 'integer' | 'number' }
    ? number
    : C extends { type: 'date' }
      ? string
      : C extends { type: 'boolean' }
        ? boolean
        : C extends { type: 'enum'; options: infer O }
          ? OptionValue<O>
          : C extends { type: 'list'; options: infer O }
            ? OptionValue<O>[]
            : C extends { type: 'list' }
              ? string[]
              : never;

/** The parsed value of a column: dates are ISO 'YYYY-MM-DD' strings; empty cells are null unless required. */
export type ValueOf<C> = C extends { required: true } ? BaseValueOf<C> : BaseValueOf<C> | null;

/** The row object a column declaration reads into and writes from, typed from the declaration. */
export type RowOf<Cs extends readonly ColumnSpec[]> = { -readonly [C in Cs[number] as C['key']]: ValueOf<C> };

/** Enumeration options from a list of codes and their labels (e.g. `sectors` and `sectorLabels`). */
export function optionsFrom<const V extends string>(
  values: readonly V[],
  labels: Readonly<Record<V, Labels>>,
  aliases: Partial<Record<V, readonly string[]>> = {},
): { readonly value: V; readonly label: Labels; readonly aliases?: readonly string[] }[] {
  return values.map((value) => ({ value, label: labels[value], aliases: aliases[value] ?? [] }));
}

/** Characters that always split a list cell; option names may not contain them. */
export const listSeparators = /[;|\n]/;

/**
 * Declares a feature's columns, in export order. Checks the declaration once, at load time:
 * a header or hashtag that two columns share would make imports guess.
 */
export function defineColumns<const Cs extends readonly ColumnSpec[]>(columns: Cs): Cs {
  const keys = new Set<string>();
  const headers = new Map<string, string>();
  const tags = new Map<string, string>();
  for (const column of columns) {
    if (keys.has(column.key)) throw new Error(`Column key "${column.key}" declared twice`);
    keys.add(column.key);
    for (const name of headerNames(column)) {
      const key = searchKey(name);
      const other = headers.get(key);
      if (other !== undefined && other !== column.key) throw new Error(`Header "${name}" names both ${other} and ${column.key}`);
      headers.set(key, column.key);
    }
    if (column.hxl !== undefined) {
      const tag = parseHxlTag(column.hxl);
      if (!tag) throw new Error(`Column ${column.key}: "${column.hxl}" is not an HXL hashtag`);
      const text = `#${tag.tag}+${tag.attributes.join('+')}`;
      if (tags.has(text)) throw new Error(`Hashtag ${column.hxl} names both ${tags.get(text) ?? ''} and ${column.key}`);
      tags.set(text, column.key);
    }
    const options = column.type === 'enum' || column.type === 'list' ? column.options : undefined;
    if (options) checkOptions(column.key, options, column.type === 'list');
  }
  return columns;
}

function checkOptions(key: string, options: readonly EnumOption[], inList: boolean): void {
  const seen = new Map<string, string>();
  for (const option of options) {
    for (const name of [option.value, option.label.fr, option.label.en, ...(option.aliases ?? [])]) {
      if (inList && listSeparators.test(name)) throw new Error(`Column ${key}: option "${name}" contains a list separator`);
      const nameKey = searchKey(name);
      const other = seen.get(nameKey);
      if (other !== undefined && other !== option.value) throw new Error(`Column ${key}: "${name}" names both ${other} and ${option.value}`);
      seen.set(nameKey, option.value);
    }
  }
}

export function headerNames(column: ColumnSpec): string[] {
  return [column.header.fr, column.header.en, ...(column.aliases ?? [])];
}

/** What reading needs of a column, computed once per declaration. */
export interface CompiledColumn {
  spec: ColumnSpec;
  hxl: HxlTag | null;
  headerKeys: Set<string>;
  /** Search key of every value, label and alias → value. */
  optionByKey: Map<string, string>;
  /** "Did you mean" among the options, by any of their names (a French typo in an English report too). */
  optionIndex: NameIndex<EnumOption>;
}

const compiledColumns = new WeakMap<ColumnSpec, CompiledColumn>();

export function compileColumn(spec: ColumnSpec): CompiledColumn {
  const known = compiledColumns.get(spec);
  if (known) return known;
  const optionByKey = new Map<string, string>();
  const options = spec.type === 'enum' || spec.type === 'list' ? (spec.options ?? []) : [];
  for (const option of options) {
    for (const name of [option.value, option.label.fr, option.label.en, ...(option.aliases ?? [])]) optionByKey.set(searchKey(name), option.value);
  }
  const compiled: CompiledColumn = {
    spec,
    hxl: spec.hxl === undefined ? null : parseHxlTag(spec.hxl),
    headerKeys: new Set(headerNames(spec).map(searchKey)),
    optionByKey,
    optionIndex: createNameIndex(options, (o) => [o.value, o.label.fr, o.label.en, ...(o.aliases ?? [])]),
  };
  compiledColumns.set(spec, compiled);
  return compiled;
}

export function optionLabel(spec: EnumColumn | ListColumn, value: string, language: Language): string {
  return spec.options?.find((o) => o.value === value)?.label[language] ?? value;
}
