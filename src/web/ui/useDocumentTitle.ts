import { useEffect } from 'react';

/** Each page names itself in the browser tab and history: "Organisations · Relais". */
export function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Relais` : 'Relais';
  }, [title]);
}
