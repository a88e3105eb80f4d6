import { useEffect, useId, useRef, useState } from 'react';

interface SearchFieldProps {
  label: string;
  value: string;
  onSearch: (value: string) => void;
  /** Waits this long after the last key before searching, to spare slow connections. */
  delayMs?: number;
}

/** A search box for list filters: searches as the reader pauses typing, or at once on Enter. */
export function SearchField({ label, value, onSearch, delayMs = 350 }: SearchFieldProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const latest = useRef(onSearch);
  latest.current = onSearch;

  // The URL is the source of truth: the back button or "clear filters" changes `value`.
  useEffect(() => setText(value), [value]);

  useEffect(() => {
    if (text.trim() === value.trim()) return;
    const timer = setTimeout(() => latest.current(text.trim()), delayMs);
    return () => clearTimeout(timer);
  }, [text, value, delayMs]);

  return (
    <div className="field field-search">
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
      </div>
      <input
        id={id}
        type="search"
        value={text}
        autoComplete="off"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            latest.current(text.trim());
          }
        }}
      />
    </div>
  );
}
