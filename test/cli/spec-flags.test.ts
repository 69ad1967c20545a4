import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { reportSpecSchema } from '../../src/domain/report-spec';
import { applyFlags, parseArgsOptions, specFlags } from '../../src/handlers/cli/spec-flags';

const flags = specFlags(reportSpecSchema);
const parse = (args: string[]) => parseArgs({ args, options: parseArgsOptions(flags), strict: true }).values;
const noFiles = async () => {
  throw new Error('no file expected');
};

/** Every path to a leaf of an object schema, groups of plain values flattened as the flags do. */
function fieldsOf(schema: z.ZodType): string[] {
  const shape = (schema as z.ZodObject).shape;
  return Object.keys(shape);
}

describe('generate flags derived from the report spec', () => {
  it('give every field of the spec a flag, so a new field cannot be missed', () => {
    const covered = new Set(flags.map((f) => f.path[0]));
    expect(fieldsOf(reportSpecSchema).filter((k) => !covered.has(k))).toEqual([]);
    // And no two flags share a name.
    expect(new Set(flags.map((f) => f.name)).size).toBe(flags.length);
  });

  it('turn a command line into a spec the schema accepts, every kind of field included', async () => {
    const values = parse([
      '--type',
      'usage',
      '--project',
      'acme-prod,acme-dev',
      '--project-id',
      'p1',
      '--preset',
      'last-month',
      '--timezone',
      'Europe/Berlin',
      '--status',
      'ACTIVE',
      '--status',
      'SHUTOFF',
      '--name',
      'web-*',
      '--metadata',
      'cost_center=42',
      '--metadata',
      'constructor=x=y',
      '--tag',
      'prod',
      '--availability-zone',
      'nova',
      '--sort',
      'vcpus',
      '--sort-direction',
      'desc',
      '--columns',
      'name,status,flavor',
      '--metadata-key',
      'team',
      '--format',
      'pdf,csv',
      '--locale',
      'pt-BR',
      '--waste-shutoff-days',
      '14',
      '--accessible',
    ]);
    const spec = reportSpecSchema.parse(await applyFlags(flags, values, {}, noFiles));
    expect(spec).toMatchObject({
      type: 'usage',
      scope: { projectNames: ['acme-prod', 'acme-dev'], projectIds: ['p1'] },
      period: { preset: 'last-month', timezone: 'Europe/Berlin' },
      filters: { status: ['ACTIVE', 'SHUTOFF'], namePattern: 'web-*', tags: ['prod'], availabilityZone: ['nova'] },
      sort: { by: 'vcpus', direction: 'desc' },
      columns: ['name', 'status', 'flavor'],
      metadataKeys: ['team'],
      formats: ['pdf', 'csv'],
      locale: 'pt-BR',
      wasteShutoffDays: 14,
      accessiblePdf: true,
    });
    expect(Object.entries(spec.filters!.metadata!)).toEqual([
      ['cost_center', '42'],
      ['constructor', 'x=y'],
    ]);
  });

  it('lay flags over a spec file, keeping what they do not name', async () => {
    const base = { type: 'cost', period: { preset: 'last-month', timezone: 'UTC' }, title: 'From the file' };
    const spec = await applyFlags(flags, parse(['--timezone', 'America/Sao_Paulo']), base, noFiles);
    expect(spec).toEqual({ type: 'cost', period: { preset: 'last-month', timezone: 'America/Sao_Paulo' }, title: 'From the file' });
    expect(base.period.timezone).toBe('UTC');
  });

  it('read an object-valued field from a file and refuse a bad number or pair by its flag', async () => {
    const spec = await applyFlags(flags, parse(['--price-list', 'prices.yaml']), {}, async (flag, path) => ({ flag, path }));
    expect(spec.priceList).toEqual({ flag: 'price-list', path: 'prices.yaml' });
    await expect(applyFlags(flags, parse(['--waste-shutoff-days', '1.5']), {}, noFiles)).rejects.toThrow(
      '--waste-shutoff-days takes a whole number, not "1.5"',
    );
    await expect(applyFlags(flags, parse(['--metadata', 'novalue']), {}, noFiles)).rejects.toThrow('--metadata takes KEY=VALUE, not "novalue"');
  });
});
