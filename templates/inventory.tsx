import type { InventoryData } from '../functions/reports/inventory-data';

/** Sample data for previews and template tests. */
export const inventoryPreview: InventoryData = {
  title: 'VM inventory',
  generatedAt: '2026-01-01T00:00:00.000Z',
  servers: [
    { id: '0b1c', name: 'web-1', projectName: 'shop', status: 'ACTIVE', flavor: 'm1.small', vcpus: 1, ramMb: 2048, diskGb: 20 },
  ],
};

/** The inventory report page: a pure function of its data; hono/jsx escapes every text and attribute. */
export function InventoryPage({ data }: { data: InventoryData }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>{data.title}</title>
        <style>{`body{font-family:sans-serif;font-size:10pt}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:3px 4px;text-align:left;overflow-wrap:anywhere}thead{display:table-header-group}`}</style>
      </head>
      <body>
        <h1>{data.title}</h1>
        <p>Generated {data.generatedAt}. {data.servers.length} servers.</p>
        <table>
          <thead>
            <tr><th>Name</th><th>ID</th><th>Project</th><th>Status</th><th>Flavor</th><th>vCPU</th><th>RAM MB</th><th>Disk GB</th></tr>
          </thead>
          <tbody>
            {data.servers.map((s) => (
              <tr>
                <td>{s.name}</td><td>{s.id}</td><td>{s.projectName}</td><td>{s.status}</td><td>{s.flavor}</td>
                <td>{s.vcpus}</td><td>{s.ramMb}</td><td>{s.diskGb}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </body>
    </html>
  );
}
