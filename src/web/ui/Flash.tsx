import { useLocation } from 'react-router';
import { Notice } from './Notice.tsx';

/** Router state a page leaves for the next one, e.g. "Organisation created." after a redirect. */
export interface FlashState {
  flash?: string;
}

export function Flash() {
  const location = useLocation();
  const message = (location.state as FlashState | null)?.flash;
  return message ? <Notice tone="success" title={message} /> : null;
}
