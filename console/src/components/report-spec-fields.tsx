import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { useI18n } from '../i18n/i18n';
import { inventoryColumns, periodPresets, reportFormats, reportLocales, reportTypes, sortKeys, type SpecDraft } from '../spec-draft';
import { Field, FieldSet } from './field';

const timeZones: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

/**
 * The whole report spec and its delivery, as form fields. `errors` are the API's field errors by
 * path; `prefix` is where the spec sits in the body (`report.` for a schedule), delivery is always
 * `delivery.`. Each error shows beside the field it names.
 */
export function ReportSpecFields(props: { draft: SpecDraft; onChange(draft: SpecDraft): void; errors: Record<string, string>; prefix?: string }) {
  const { t } = useI18n();
  const { api } = useApp();
  const { draft: d, onChange } = props;
  const prefix = props.prefix ?? '';
  const [projects, setProjects] = useState<{ id: string; name: string }[]>();
  const [projectsFailed, setProjectsFailed] = useState(false);

  useEffect(() => {
    void api.GET('/v1/projects').then(({ data }) => {
      if (data) setProjects(data.items.map((p) => ({ id: p.id, name: p.name })));
      else setProjectsFailed(true);
    });
  }, [api]);

  /** The error of a field: its own path, or any path below it (`delivery.email.2`). */
  const err = (path: string, absolute = false): string | undefined => {
    const full = absolute ? path : prefix + path;
    const messages = Object.entries(props.errors)
      .filter(([p]) => p === full || p.startsWith(`${full}.`))
      .map(([, m]) => m);
    return messages.length ? messages.join('; ') : undefined;
  };
  const set = <K extends keyof SpecDraft>(key: K, value: SpecDraft[K]) => onChange({ ...d, [key]: value });
  const toggle = (key: 'projectNames' | 'columns' | 'formats', value: string, on: boolean) =>
    set(key, on ? [...d[key], value] : d[key].filter((v) => v !== value));

  return (
    <>
      <FieldSet id="spec-type" legend={t.form.type} error={err('type')}>
        {reportTypes.map((type) => (
          <div class="check" key={type}>
            <input type="radio" id={`type-${type}`} name="type" value={type} checked={d.type === type} onChange={() => set('type', type)} />
            <label for={`type-${type}`}>{t.types[type]}</label>
          </div>
        ))}
      </FieldSet>

      <FieldSet id="spec-scope" legend={t.form.projects} hint={projectsFailed ? t.form.projectsUnavailable : t.form.projectsHint} error={err('scope')}>
        {projects === undefined && !projectsFailed && <p>{t.common.loading}</p>}
        {projects?.map((p) => (
          <div class="check" key={p.id}>
            <input
              type="checkbox"
              id={`project-${p.id}`}
              checked={d.projectNames.includes(p.name)}
              onChange={(e) => toggle('projectNames', p.name, e.currentTarget.checked)}
            />
            <label for={`project-${p.id}`}>{p.name}</label>
          </div>
        ))}
      </FieldSet>

      {d.type !== 'inventory' && (
        <fieldset class="fieldset">
          <legend>{t.form.period}</legend>
          <div class="choices">
            <div class="check">
              <input type="radio" id="period-preset" name="period-mode" checked={d.periodMode === 'preset'} onChange={() => set('periodMode', 'preset')} />
              <label for="period-preset">{t.form.preset}</label>
            </div>
            <div class="check">
              <input type="radio" id="period-dates" name="period-mode" checked={d.periodMode === 'dates'} onChange={() => set('periodMode', 'dates')} />
              <label for="period-dates">{t.form.custom}</label>
            </div>
          </div>
          <div class="row">
            {d.periodMode === 'preset' ? (
              <Field id="spec-period-preset" label={t.form.preset} error={err('period.preset')}>
                {(c) => (
                  <select {...c} value={d.preset} onChange={(e) => set('preset', e.currentTarget.value as SpecDraft['preset'])}>
                    {periodPresets.map((p) => (
                      <option key={p} value={p}>
                        {t.form.presets[p]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : (
              <>
                <Field id="spec-period-start" label={t.form.start} error={err('period.start')}>
                  {(c) => <input {...c} type="date" value={d.start} onInput={(e) => set('start', e.currentTarget.value)} />}
                </Field>
                <Field id="spec-period-end" label={t.form.end} error={err('period.end')}>
                  {(c) => <input {...c} type="date" value={d.end} onInput={(e) => set('end', e.currentTarget.value)} />}
                </Field>
              </>
            )}
            <Field id="spec-period-timezone" label={t.form.timezone} error={err('period.timezone')}>
              {(c) => <input {...c} list="time-zones" value={d.timezone} onInput={(e) => set('timezone', e.currentTarget.value)} />}
            </Field>
            <datalist id="time-zones">
              {timeZones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </div>
        </fieldset>
      )}

      <fieldset class="fieldset">
        <legend>{t.form.filters}</legend>
        <div class="row">
          <Field id="spec-filters-status" label={t.form.statusFilter} error={err('filters.status')}>
            {(c) => <input {...c} value={d.statusFilter} onInput={(e) => set('statusFilter', e.currentTarget.value)} />}
          </Field>
          <Field id="spec-filters-flavor" label={t.form.flavorFilter} error={err('filters.flavor')}>
            {(c) => <input {...c} value={d.flavorFilter} onInput={(e) => set('flavorFilter', e.currentTarget.value)} />}
          </Field>
          <Field id="spec-filters-namePattern" label={t.form.namePattern} error={err('filters.namePattern')}>
            {(c) => <input {...c} value={d.namePattern} onInput={(e) => set('namePattern', e.currentTarget.value)} />}
          </Field>
          <Field id="spec-filters-availabilityZone" label={t.form.azFilter} error={err('filters.availabilityZone')}>
            {(c) => <input {...c} value={d.azFilter} onInput={(e) => set('azFilter', e.currentTarget.value)} />}
          </Field>
        </div>
      </fieldset>

      {d.type === 'inventory' && (
        <FieldSet id="spec-columns" legend={t.form.columns} error={err('columns')}>
          {inventoryColumns.map((col) => (
            <div class="check" key={col}>
              <input type="checkbox" id={`column-${col}`} checked={d.columns.includes(col)} onChange={(e) => toggle('columns', col, e.currentTarget.checked)} />
              <label for={`column-${col}`}>{col}</label>
            </div>
          ))}
        </FieldSet>
      )}

      <fieldset class="fieldset">
        <legend>{t.form.presentation}</legend>
        <div class="row">
          <Field id="spec-sort-by" label={t.form.sort} error={err('sort')}>
            {(c) => (
              <select {...c} value={d.sortBy} onChange={(e) => set('sortBy', e.currentTarget.value)}>
                <option value="">{t.form.sortNone}</option>
                {sortKeys.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="spec-sort-direction" label={t.form.direction}>
            {(c) => (
              <select {...c} value={d.sortDirection} onChange={(e) => set('sortDirection', e.currentTarget.value as 'asc' | 'desc')}>
                <option value="asc">{t.form.asc}</option>
                <option value="desc">{t.form.desc}</option>
              </select>
            )}
          </Field>
          <Field id="spec-locale" label={t.form.locale} error={err('locale')}>
            {(c) => (
              <select {...c} value={d.locale} onChange={(e) => set('locale', e.currentTarget.value as SpecDraft['locale'])}>
                {reportLocales.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="spec-theme" label={t.form.theme} error={err('theme')}>
            {(c) => (
              <select {...c} value={d.theme} onChange={(e) => set('theme', e.currentTarget.value as SpecDraft['theme'])}>
                <option value="default">{t.form.themeDefault}</option>
                <option value="brand">{t.form.themeBrand}</option>
              </select>
            )}
          </Field>
          <Field id="spec-title" label={t.form.reportTitle} error={err('title')}>
            {(c) => <input {...c} value={d.title} onInput={(e) => set('title', e.currentTarget.value)} />}
          </Field>
          <Field id="spec-watermark" label={t.form.watermark} error={err('watermark')}>
            {(c) => <input {...c} value={d.watermark} onInput={(e) => set('watermark', e.currentTarget.value)} />}
          </Field>
        </div>
      </fieldset>

      <FieldSet id="spec-formats" legend={t.form.formats} error={err('formats') ?? (d.formats.length === 0 ? t.form.required : undefined)}>
        {reportFormats.map((f) => (
          <div class="check" key={f}>
            <input type="checkbox" id={`format-${f}`} checked={d.formats.includes(f)} onChange={(e) => toggle('formats', f, e.currentTarget.checked)} />
            <label for={`format-${f}`}>{f.toUpperCase()}</label>
          </div>
        ))}
      </FieldSet>

      <fieldset class="fieldset">
        <legend>{t.form.delivery}</legend>
        <div class="row">
          <Field id="delivery-email" label={t.form.email} error={err('delivery.email', true)}>
            {(c) => <input {...c} type="text" inputMode="email" value={d.email} onInput={(e) => set('email', e.currentTarget.value)} />}
          </Field>
          <Field id="delivery-webhook-url" label={t.form.webhook} error={err('delivery.webhook.url', true)}>
            {(c) => <input {...c} type="url" value={d.webhookUrl} onInput={(e) => set('webhookUrl', e.currentTarget.value)} />}
          </Field>
          <Field id="delivery-webhook-secret" label={t.form.webhookSecret} error={err('delivery.webhook.secret', true)}>
            {(c) => <input {...c} type="password" autoComplete="off" value={d.webhookSecret} onInput={(e) => set('webhookSecret', e.currentTarget.value)} />}
          </Field>
          <Field id="delivery-swift-container" label={t.form.swiftContainer} error={err('delivery.swift.container', true)}>
            {(c) => <input {...c} value={d.swiftContainer} onInput={(e) => set('swiftContainer', e.currentTarget.value)} />}
          </Field>
          <Field id="delivery-swift-prefix" label={t.form.swiftPrefix} error={err('delivery.swift.prefix', true)}>
            {(c) => <input {...c} value={d.swiftPrefix} onInput={(e) => set('swiftPrefix', e.currentTarget.value)} />}
          </Field>
        </div>
      </fieldset>
    </>
  );
}
