import type { Problem } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** An API problem as a message: its title and detail (field errors are shown beside their fields). */
export function ProblemMessage(props: { problem: Problem | undefined; intro?: string }) {
  const { t } = useI18n();
  if (!props.problem) return null;
  return (
    <div class="alert" role="alert">
      <strong>{props.intro ?? props.problem.title ?? t.common.error}</strong>
      {props.problem.detail && <p>{props.problem.detail}</p>}
    </div>
  );
}
