import type { Action, Actor } from '../../shared/permissions.ts';
import { can } from '../../shared/permissions.ts';

/**
 * Who may open each page (route path under the shell), as the API that fills it decides: a user
 * holding none of the actions gets a plain "restricted" page instead of the page's filters and a
 * refusal under them. Pages not listed are open to every signed-in user. The server checks again.
 */
export const pageAccess: Readonly<Record<string, readonly Action[]>> = {
  'alerts/new': ['alert:manage'],
  'alerts/:id/edit': ['alert:manage'],
  // Record-level 5W: donors and the public see aggregated figures (dashboard, pivot) instead.
  responses: ['response:read'],
  'responses/new': ['response:write'],
  'responses/periods': ['response:read'],
  'responses/:id': ['response:read'],
  'responses/pivot': ['dashboard:read'],
  'assessments/new': ['assessment:write'],
  lists: ['list:read'],
  'lists/encode': ['list:upload'],
  'lists/sharing': ['sharing:read', 'sharing:request'],
  'lists/search': ['list:purge'],
  'lists/:id': ['list:read'],
  'meetings/new': ['meeting:manage'],
  'meetings/:id/edit': ['meeting:manage'],
  'packages/conformity': ['package:conformity'],
  'packages/new': ['package:propose'],
  'packages/:id/edit': ['package:propose'],
  'methods/new': ['package:propose'],
  'methods/:id/edit': ['package:propose'],
};

/** Lists a regional coordinator opens on their own region when the address names no filter (OwnRegionFirst). */
export const ownRegionFirst: readonly string[] = ['alerts', 'gaps', 'gaps/matrix', 'responses', 'assessments', 'handovers'];

/** Whether the user may open the page at this route path (as written in routes.tsx). */
export function mayOpen(actor: Actor, path: string): boolean {
  const anyOf = pageAccess[path];
  return !anyOf || anyOf.some((action) => can(actor, action));
}
