import type { ArtifactStore } from '../../domain/ports';
import type { Artifact, ReportRun } from '../../domain/report-run';

const typeNames = {
  en: { inventory: 'Inventory report', usage: 'Usage report', cost: 'Cost report' },
  'pt-BR': { inventory: 'Relatório de inventário', usage: 'Relatório de uso', cost: 'Relatório de custos' },
} as const;

/** The report's title, or a name for its type in its locale. */
export function reportTitle(run: ReportRun): string {
  return run.spec.title ?? typeNames[run.spec.locale][run.type];
}

/** A download file name: `monthly-cost-2025-11-01.pdf`. */
export function artifactFilename(run: ReportRun, artifact: Pick<Artifact, 'format'>): string {
  const slug =
    reportTitle(run)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || run.type;
  const day = (run.finishedAt ?? run.createdAt).slice(0, 10);
  return `${slug}-${day}.${artifact.format}`;
}

/**
 * Links a recipient can follow: presigned downloads of `artifacts` and, with a public base URL, the
 * run in the API. Presigned URLs signed with a Lambda role's temporary credentials stop working when
 * those credentials expire (hours), whatever `ttlSeconds` says; the run link stays valid.
 */
export async function reportLinks(
  artifacts: Pick<ArtifactStore, 'presignGet'>,
  run: ReportRun,
  include: Artifact[],
  options: { ttlSeconds: number; publicBaseUrl?: string },
): Promise<Record<string, string>> {
  const links: Record<string, string> = {};
  if (options.publicBaseUrl) links.run = `${options.publicBaseUrl.replace(/\/+$/, '')}/v1/reports/${encodeURIComponent(run.id)}`;
  for (const a of include) links[a.format] = await artifacts.presignGet(a.key, options.ttlSeconds, artifactFilename(run, a));
  return links;
}
