import { messageNamespace } from '../../i18n/namespace.ts';
import { packagesEn, packagesFr } from './messages.ts';

/** The package pages' strings, in their own namespace (see src/web/i18n/namespace.ts). */
export const usePackagesT = messageNamespace('packages', packagesFr, packagesEn);
