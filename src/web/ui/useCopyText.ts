import { useRef, useState } from 'react';

/**
 * Copies a secret shown once (a token, a temporary password). Where the Clipboard API is refused
 * (plain HTTP on a local network) it selects the text of `ref`'s element and copies that.
 */
export function useCopyText(text: string) {
  const ref = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      const node = ref.current;
      const selection = window.getSelection();
      if (!node || !selection) return;
      const range = document.createRange();
      range.selectNodeContents(node);
      selection.removeAllRanges();
      selection.addRange(range);
      setCopied(document.execCommand('copy'));
    }
  }
  return { ref, copied, copy };
}
