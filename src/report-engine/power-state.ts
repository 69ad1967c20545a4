/** Nova power state numbers as words the templates translate. */
const powerStates: Record<number, string> = {
  0: 'noState',
  1: 'running',
  3: 'paused',
  4: 'shutdown',
  6: 'crashed',
  7: 'suspended',
};

/** The word for a Nova power state, null when unknown. */
export function powerStateName(code: number | undefined): string | null {
  if (code === undefined) return null;
  return powerStates[code] ?? 'noState';
}
