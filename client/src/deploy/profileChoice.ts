/** A connection profile the Deploy… command offers. */
export interface ProfileChoice {
  name: string;
  active: boolean;
}

/**
 * The profiles to pick from: `local` (always there: the local stack) and those of `cdcRouting.profiles`,
 * the active one (`cdcRouting.activeProfile`, `local` when unset) first so Enter picks it.
 */
export function profileChoices(configured: unknown, activeProfile: string | undefined): ProfileChoice[] {
  const names = ['local'];
  if (Array.isArray(configured)) {
    for (const p of configured) {
      const name =
        p && typeof p === 'object' && typeof (p as { name?: unknown }).name === 'string'
          ? (p as { name: string }).name.trim()
          : '';
      if (name && !names.includes(name)) names.push(name);
    }
  }
  // An active profile the list lacks is still offered: the server knows the profiles and says if it is unknown.
  const active = activeProfile?.trim() || 'local';
  if (!names.includes(active)) names.push(active);
  return [active, ...names.filter((n) => n !== active)].map((name) => ({ name, active: name === active }));
}
