/** One key figure. */
export interface Card {
  label: string;
  value: string;
  hint?: string;
  /** Drawn in the warning colour (waste). */
  alert?: boolean;
}

/** A row of key figures at the top of a report. */
export function SummaryCards({ cards }: { cards: Card[] }) {
  return (
    <section class="cards">
      {cards.map((c) => (
        <div class={c.alert ? 'card alert' : 'card'}>
          <div class="label">{c.label}</div>
          <div class="value">{c.value}</div>
          {c.hint ? <div class="hint">{c.hint}</div> : null}
        </div>
      ))}
    </section>
  );
}
