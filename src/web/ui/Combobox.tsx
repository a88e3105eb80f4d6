import { type KeyboardEvent, type ReactNode, useEffect, useId, useState } from 'react';

interface ComboboxProps<T> {
  label: string;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  /** The current suggestions for what is typed. */
  items: readonly T[];
  itemKey: (item: T) => string;
  /** The text the input shows once an item is chosen. */
  itemText: (item: T) => string;
  renderItem?: (item: T) => ReactNode;
  value: T | null;
  onChange: (item: T | null) => void;
  /** Called as the reader types; the caller fetches `items` for it. */
  onSearch: (text: string) => void;
  /** Read out and shown under the input: "Searching…", "No match". */
  status?: string;
}

/**
 * A text box with a list of suggestions (WAI-ARIA combobox pattern): arrows move, Enter
 * chooses, Escape closes the list and then restores the chosen value.
 */
export function Combobox<T>({ label, hint, error, required, items, itemKey, itemText, renderItem, value, onChange, onSearch, status }: ComboboxProps<T>) {
  const id = useId();
  const listId = `${id}-list`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const statusId = `${id}-status`;
  const [text, setText] = useState(value ? itemText(value) : '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const chosenText = value ? itemText(value) : '';

  useEffect(() => setText(chosenText), [chosenText]);
  useEffect(() => setActive(-1), [items]);

  const showList = open && items.length > 0;

  function choose(item: T) {
    onChange(item);
    setText(itemText(item));
    setOpen(false);
  }

  function restore() {
    setOpen(false);
    if (text.trim() === '' && value) onChange(null);
    else setText(chosenText);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => Math.min(index + 1, items.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter' && showList && active >= 0) {
      event.preventDefault();
      choose(items[active]!);
    } else if (event.key === 'Escape') {
      if (showList) setOpen(false);
      else setText(chosenText);
    }
  }

  return (
    <div className={`field combobox${error ? ' field-invalid' : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {required && (
          <span className="required-marker" aria-hidden="true">
            *
          </span>
        )}
      </div>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        required={required}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? `${id}-option-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId, statusId].filter(Boolean).join(' ')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          onSearch(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={restore}
      />
      <ul id={listId} role="listbox" aria-label={label} className="combobox-list" hidden={!showList}>
        {items.map((item, index) => (
          <li
            key={itemKey(item)}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'active' : undefined}
            // Keep focus in the input so its blur does not undo the choice.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(item)}
          >
            {renderItem ? renderItem(item) : itemText(item)}
          </li>
        ))}
      </ul>
      <p id={statusId} className="combobox-status" role="status">
        {open ? status : ''}
      </p>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
