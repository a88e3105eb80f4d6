import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from 'react';

interface FieldFrame {
  label: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
}

/** Ids tying a control to its hint and error, so screen readers read them with the label. */
function useFieldIds(error: string | undefined, hint: ReactNode) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

function Marker({ required }: { required?: boolean }) {
  // Outside the <label> so the accessible name stays the plain label; `required` on the control says it to assistive tech.
  return required ? (
    <span className="required-marker" aria-hidden="true">
      *
    </span>
  ) : null;
}

function FieldError({ id, error }: { id?: string; error?: string }) {
  return error ? (
    <p className="field-error" id={id}>
      {error}
    </p>
  ) : null;
}

type TextFieldProps = FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'required'>;

export function TextField({ label, error, hint, required, className, type = 'text', ...input }: TextFieldProps) {
  const ids = useFieldIds(error, hint);
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <div className="field-label">
        <label htmlFor={ids.id}>{label}</label>
        <Marker required={required} />
      </div>
      {hint && (
        <p className="field-hint" id={ids.hintId}>
          {hint}
        </p>
      )}
      <input id={ids.id} type={type} required={required} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...input} />
      <FieldError id={ids.errorId} error={error} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

type SelectFieldProps = FieldFrame & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'required'> & { options: readonly Option[] };

export function SelectField({ label, error, hint, required, options, className, ...select }: SelectFieldProps) {
  const ids = useFieldIds(error, hint);
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <div className="field-label">
        <label htmlFor={ids.id}>{label}</label>
        <Marker required={required} />
      </div>
      {hint && (
        <p className="field-hint" id={ids.hintId}>
          {hint}
        </p>
      )}
      <select id={ids.id} required={required} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={ids.errorId} error={error} />
    </div>
  );
}

interface CheckboxGroupProps extends FieldFrame {
  options: readonly Option[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  disabled?: boolean;
  /** Lays the boxes out in columns when there are many short options. */
  columns?: boolean;
}

/** Several choices under one legend; the order of `value` follows `options`. */
export function CheckboxGroup({ label, error, hint, required, options, value, onChange, disabled, columns }: CheckboxGroupProps) {
  const ids = useFieldIds(error, hint);
  const toggle = (option: string, checked: boolean) => {
    const next = new Set(value);
    if (checked) next.add(option);
    else next.delete(option);
    onChange(options.map((o) => o.value).filter((v) => next.has(v)));
  };
  return (
    <fieldset className={`field fieldset${error ? ' field-invalid' : ''}`} aria-describedby={ids.describedBy} aria-invalid={error ? true : undefined}>
      <legend>
        {label}
        <Marker required={required} />
      </legend>
      {hint && (
        <p className="field-hint" id={ids.hintId}>
          {hint}
        </p>
      )}
      <div className={columns ? 'checkbox-list checkbox-columns' : 'checkbox-list'}>
        {options.map((option) => (
          <label key={option.value} className="checkbox">
            <input
              type="checkbox"
              checked={value.includes(option.value)}
              disabled={disabled}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      <FieldError id={ids.errorId} error={error} />
    </fieldset>
  );
}

/** A compact segmented choice (e.g. FR / EN) with the current one pressed. */
export function ToggleGroup({
  label,
  options,
  value,
  onChange,
  disabled,
}: {
  label: string;
  options: readonly (Option & { short?: string })[];
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}) {
  return (
    <div className="toggle-group" role="group" aria-label={label}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={option.value === value}
          lang={option.short ? option.value : undefined}
          disabled={disabled}
          onClick={() => option.value !== value && onChange(option.value)}
        >
          {option.short ? (
            <>
              <span aria-hidden="true">{option.short}</span>
              <span className="visually-hidden">{option.label}</span>
            </>
          ) : (
            option.label
          )}
        </button>
      ))}
    </div>
  );
}
