/** The report's heading: logo, kind, title and one line of facts (period, scope, generation time). */
export function TitleBlock(props: { id?: string; logoDataUrl: string; organisation?: string; kind: string; title: string; facts: string[] }) {
  return (
    <header class="title-block" id={props.id}>
      <img src={props.logoDataUrl} alt={props.organisation ?? ''} />
      <div>
        <div class="kind">
          {props.organisation ? `${props.organisation} · ` : ''}
          {props.kind}
        </div>
        <h1>{props.title}</h1>
        <div class="meta">
          {props.facts.map((f) => (
            <span>{f}</span>
          ))}
        </div>
      </div>
    </header>
  );
}
