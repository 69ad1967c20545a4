/**
 * How each key figure of a run's summary is shown in its e-mail. Type, title, period and currency
 * are told elsewhere in the e-mail (kind line, heading, period line, money formatting), so they are
 * not listed as figures. A key not listed here (a newer summary) is shown as it comes.
 */
export const figureKinds = {
  projects: 'int',
  servers: 'int',
  vcpus: 'int',
  ramGb: 'gb',
  volumes: 'int',
  volumeGb: 'gb',
  floatingIps: 'int',
  monthlyCost: 'money',
  vcpuHours: 'hours',
  ramGbHours: 'hours',
  diskGbHours: 'hours',
  total: 'money',
  subtotal: 'money',
  discount: 'money',
  tax: 'money',
  costLines: 'int',
  wasteItems: 'int',
  wasteCost: 'money',
} as const;

/** Summary keys the e-mail names in words of its own. */
export type FigureKey = keyof typeof figureKinds;

/** Summary keys told elsewhere in the e-mail. */
export const untoldFigures = new Set(['type', 'title', 'periodStart', 'periodEnd', 'currency']);
