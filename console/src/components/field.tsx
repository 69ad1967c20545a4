import type { ComponentChildren } from 'preact';

/** Props a control gets from its Field: its id, and what describes it (hint and error). */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
}

/**
 * A labelled control with an optional hint and the API's error for it, shown beside the control and
 * tied to it with `aria-describedby` (and `aria-invalid`), so a screen reader reads both.
 */
export function Field(props: { id: string; label: string; hint?: string; error?: string; children: (control: ControlProps) => ComponentChildren }) {
  const { id, label, hint, error } = props;
  const describedBy = describedByOf(id, hint, error);
  return (
    <div class={`field${error ? ' field--invalid' : ''}`}>
      <label for={id}>{label}</label>
      {props.children({ id, 'aria-describedby': describedBy, ...(error ? { 'aria-invalid': 'true' as const } : {}) })}
      <Notes id={id} hint={hint} error={error} />
    </div>
  );
}

/** A group of checkboxes or radios with a legend, and an error for the whole group. */
export function FieldSet(props: { id: string; legend: string; hint?: string; error?: string; children: ComponentChildren }) {
  const { id, legend, hint, error } = props;
  const describedBy = describedByOf(id, hint, error);
  return (
    <fieldset class={`fieldset${error ? ' field--invalid' : ''}`} id={id} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <div class="choices">{props.children}</div>
      <Notes id={id} hint={hint} error={error} />
    </fieldset>
  );
}

/**
 * Focuses the first control in error (a Field's, or the first box of an invalid FieldSet) after the
 * page has drawn the errors, so keyboard and screen-reader users land on it.
 */
export function focusFirstInvalid(): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"], .field--invalid input')?.focus());
}

/** The ids of the hint and the error shown for `id`, for `aria-describedby`. */
function describedByOf(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** The hint and the error of a field or a group, with the ids `describedByOf` names. */
function Notes({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`} data-field-error={id}>
          {error}
        </p>
      )}
    </>
  );
}
