/** Numbered explanations at the end of a section or report. */
export function Footnotes({ id, title, items }: { id?: string; title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <section class="notes">
      <h3 id={id}>{title}</h3>
      <ol>
        {items.map((i) => (
          <li>{i}</li>
        ))}
      </ol>
    </section>
  );
}
