import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { errorMessage, isErrorCode } from '../../shared/errors.ts';
import { ApiError } from '../api/client.ts';
import { currentLanguage } from '../i18n/i18n.ts';

export type FieldErrors = Partial<Record<string, string>>;

/** What a form holds before validation: a choice list may still be on its empty "choose…" entry. */
export type Draft<T> = { [K in keyof T]: T[K] extends string ? T[K] | '' : T[K] };

type Translate = ReturnType<typeof useTranslation>['t'];

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** One readable sentence per zod issue, in the UI language; the shared error codes win. */
export function issueMessage(issue: z.core.$ZodIssue, value: unknown, t: Translate): string {
  if (isErrorCode(issue.message)) return errorMessage(issue.message, currentLanguage());
  switch (issue.code) {
    case 'too_small':
      if (isBlank(value) || Number(issue.minimum) <= 1) return t('validation.required');
      return t('validation.tooShort', { count: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'array' ? t('validation.tooMany', { count: Number(issue.maximum) }) : t('validation.tooLong', { count: Number(issue.maximum) });
    case 'invalid_format':
      if (isBlank(value)) return t('validation.required');
      return issue.format === 'email' ? t('validation.email') : t('validation.invalid');
    case 'invalid_value':
      return t('validation.choose');
    case 'invalid_type':
      return isBlank(value) ? t('validation.required') : t('validation.invalid');
    default:
      return t('validation.invalid');
  }
}

/** Takes the reader to the first field to fix, as a long form on a phone hides errors above the fold. */
function focusFirstInvalid(form: HTMLFormElement | null) {
  const target = form?.querySelector<HTMLElement>(
    'input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"], fieldset[aria-invalid="true"] input',
  );
  target?.focus();
}

/** The field a message belongs to: forms show one error per field, under it. */
function fieldOf(path: readonly PropertyKey[] | string): string {
  const first = typeof path === 'string' ? path.split('.')[0] : path[0];
  return String(first ?? '');
}

interface FormOptions {
  /** Business errors without a field path that still belong to one field, e.g. `email_taken` → `email`. */
  codeFields?: Record<string, string>;
}

/**
 * Form state validated by the same zod schema the server uses. `submit` returns the parsed
 * value or `null` after showing the errors; `showServerError` puts the server's field
 * errors next to the fields.
 */
export function useZodForm<S extends z.ZodType<unknown, object>>(schema: S, initial: Draft<z.input<S>>, options: FormOptions = {}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Draft<z.input<S>>>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  // Counts failed attempts: each one moves focus to the first error once it is rendered.
  const [failures, setFailures] = useState(0);
  useEffect(() => {
    if (failures > 0) focusFirstInvalid(formRef.current);
  }, [failures]);

  function set<K extends keyof Draft<z.input<S>>>(name: K, value: Draft<z.input<S>>[K]) {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => (current[name as string] ? { ...current, [name as string]: undefined } : current));
  }

  function submit(): z.output<S> | null {
    const result = schema.safeParse(values);
    if (result.success) {
      setErrors({});
      return result.data;
    }
    const next: FieldErrors = {};
    for (const issue of result.error.issues) {
      const field = fieldOf(issue.path);
      next[field] ??= issueMessage(issue, (values as Record<string, unknown>)[field], t);
    }
    setErrors(next);
    setFailures((n) => n + 1);
    return null;
  }

  /** Puts the server's field errors next to their fields; the form still shows the title above. */
  function showServerError(error: unknown) {
    if (!(error instanceof ApiError)) return;
    const next: FieldErrors = {};
    for (const fieldError of error.fieldErrors) next[fieldOf(fieldError.path)] ??= fieldError.message;
    const codeField = options.codeFields?.[error.code];
    if (codeField) next[codeField] = error.title;
    setErrors(next);
    setFailures((n) => n + 1);
  }

  /** For rules the schema cannot express alone, such as two fields that must match. */
  function setError(field: keyof z.input<S> & string, message: string) {
    setErrors((current) => ({ ...current, [field]: message }));
    setFailures((n) => n + 1);
  }

  function reset(to: Draft<z.input<S>>) {
    setValues(to);
    setErrors({});
  }

  const hasErrors = Object.values(errors).some(Boolean);
  return { values, set, errors, hasErrors, submit, showServerError, setError, reset, formRef };
}
