/** The data behind the inventory report. */
export interface InventoryData {
  title: string;
  generatedAt: string;
  servers: {
    id: string;
    name: string;
    projectName: string;
    status: string;
    flavor: string;
    vcpus: number;
    ramMb: number;
    diskGb: number;
  }[];
}
