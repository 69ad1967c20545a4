/**
 * One colour per server status, used by every chart, legend and table cell that shows a status:
 * colours carry meaning, so ERROR is red wherever it appears, never whatever palette slot it drew.
 * Green runs, grey is stopped, amber is paused or suspended, blue is in progress, purple is shelved.
 */
const colours: Record<string, string> = {
  ACTIVE: '#2e7d32',
  ERROR: '#c62828',
  SHUTOFF: '#90a4ae',
  PAUSED: '#f9a825',
  SUSPENDED: '#ef8f00',
  BUILD: '#1e88e5',
  REBUILD: '#1e88e5',
  REBOOT: '#1e88e5',
  HARD_REBOOT: '#1e88e5',
  MIGRATING: '#1e88e5',
  RESIZE: '#1e88e5',
  VERIFY_RESIZE: '#1e88e5',
  REVERT_RESIZE: '#1e88e5',
  PASSWORD: '#1e88e5',
  SHELVED: '#9575cd',
  SHELVED_OFFLOADED: '#7e57c2',
  RESCUE: '#d84315',
  DELETED: '#546e7a',
  SOFT_DELETED: '#546e7a',
  UNKNOWN: '#cfd8dc',
};

/** Nova's vm_state words (usage lines) for the statuses above. */
const vmStates: Record<string, string> = {
  active: 'ACTIVE',
  error: 'ERROR',
  stopped: 'SHUTOFF',
  paused: 'PAUSED',
  suspended: 'SUSPENDED',
  building: 'BUILD',
  resized: 'VERIFY_RESIZE',
  shelved: 'SHELVED',
  shelved_offloaded: 'SHELVED_OFFLOADED',
  rescued: 'RESCUE',
  deleted: 'DELETED',
  terminated: 'DELETED',
  'soft-delete': 'SOFT_DELETED',
};

/** The colour of statuses without one of their own, and of a chart's "others" slice. */
export const otherStatusColour = '#b0bec5';

/** The colour of a Nova status (`ERROR`) or vm_state (`stopped`). */
export function statusColour(status: string): string {
  const key = Object.hasOwn(vmStates, status) ? vmStates[status] : status.toUpperCase();
  return Object.hasOwn(colours, key) ? colours[key] : otherStatusColour;
}
