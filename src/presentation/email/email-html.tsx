import type { EmailView } from './email-view';

const muted = 'font-size:12px;color:#52606d';

/**
 * The HTML body of a report e-mail: inline styles only (mail clients drop style sheets), and every
 * string escaped by hono's JSX, tenant text (title, figures, reason, file names, URLs) included.
 */
export function emailHtml(v: EmailView): string {
  const { data, m } = v;
  const body = (
    <html lang={data.locale}>
      <head>
        <meta charset="utf-8" />
        <title>{v.subject}</title>
      </head>
      <body style="font-family:Arial,Helvetica,sans-serif;color:#1f2933;max-width:640px;margin:0 auto;padding:16px">
        <p style="font-size:16px">{v.lead}</p>
        {v.alerts.length ? (
          <ul style="padding:12px 12px 12px 32px;background:#fff4e5;border-left:4px solid #f2a900;margin:0 0 16px">
            {v.alerts.map((a) => (
              <li>{a}</li>
            ))}
          </ul>
        ) : null}
        <h1 style="font-size:20px;margin:8px 0 4px">{data.title}</h1>
        {v.about ? <p style="margin:0 0 16px;color:#52606d">{v.about}</p> : null}
        {v.reason ? (
          <div style="padding:12px;background:#fdecea;border-left:4px solid #c0392b;margin:0 0 16px">
            <p style="margin:0">
              <strong>{m.email.reason}:</strong> {v.reason}
            </p>
            {v.details ? (
              <p style={`margin:8px 0 0;${muted}`}>
                {m.email.details}: {v.details}
              </p>
            ) : null}
          </div>
        ) : null}
        {v.figures.length ? (
          <>
            <h2 style="font-size:16px">{m.email.keyFigures}</h2>
            <table role="presentation" style="border-collapse:collapse">
              {v.figures.map(([label, value]) => (
                <tr>
                  <td style="padding:4px 16px 4px 0;color:#52606d">{label}</td>
                  <td style="padding:4px 0;font-weight:bold">{value}</td>
                </tr>
              ))}
            </table>
          </>
        ) : null}
        {data.attachment ? <p>{m.email.attached(data.attachment)}</p> : null}
        {data.links.length ? (
          <>
            <h2 style="font-size:16px">{m.email.downloads}</h2>
            <ul>
              {data.links.map((l) => (
                <li>
                  <a href={l.url}>{l.label}</a>
                </li>
              ))}
            </ul>
            <p style={muted}>{m.email.linksExpire}</p>
          </>
        ) : null}
        <p style={muted}>{v.footer}</p>
      </body>
    </html>
  );
  return `<!doctype html>\n${String(body)}\n`;
}
