import { useI18n } from '../i18n/i18n';

/** A run's or a delivery's status, in words and colour (the words carry it; colour only helps). */
export function StatusBadge(props: { status: 'queued' | 'running' | 'succeeded' | 'failed' | 'pending' | 'sent' }) {
  const { t } = useI18n();
  return (
    <span class={`badge badge--${props.status}`} data-status={props.status}>
      {t.status[props.status]}
    </span>
  );
}
