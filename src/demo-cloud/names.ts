/**
 * Names the generator draws from. The awkward ones are deliberate: reports must escape HTML,
 * keep accents, and lay out Arabic (right-to-left) and Japanese text.
 */

/** Project names after `admin`; later projects are numbered. */
export const PROJECT_NAMES = [
  'demo',
  'Recherche & Développement',
  'مشروع-البيانات',
  'データ分析',
  '<b>web</b> & "ops"',
  'finance',
  'marketing',
  'platform',
  'ml-training',
  'customer-portal',
];

/** Member user names; later users are numbered. */
export const USER_NAMES = ['demo', 'chloé', 'محمد', 'さくら', 'bob', 'alice', 'dmitri', 'eve', 'frank', 'grace'];

/** Server roles used to build names like `web-0042`. */
export const SERVER_ROLES = ['web', 'db', 'api', 'worker', 'cache', 'batch', 'ci-runner', 'k8s-node', 'proxy', 'etl'];

/** Names given to a few servers, in order, right after each project got its first server. */
export const SPECIAL_SERVER_NAMES = [
  '<script>alert("x")</script> & co',
  'serveur-café-éphémère',
  'خادم-قاعدة-البيانات',
  'ウェブサーバー-01',
  'duplicate-name',
  'duplicate-name',
];

/** Public images every project can use. */
export const PUBLIC_IMAGES: { name: string; sizeMb: number; minDisk: number; properties: Record<string, string> }[] = [
  { name: 'cirros-0.6.2-x86_64-disk', sizeMb: 21, minDisk: 0, properties: { os_distro: 'cirros', architecture: 'x86_64' } },
  { name: 'ubuntu-22.04-server', sizeMb: 640, minDisk: 10, properties: { os_distro: 'ubuntu', os_version: '22.04', architecture: 'x86_64' } },
  { name: 'ubuntu-24.04-server', sizeMb: 590, minDisk: 10, properties: { os_distro: 'ubuntu', os_version: '24.04', architecture: 'x86_64' } },
  { name: 'debian-12-generic', sizeMb: 420, minDisk: 5, properties: { os_distro: 'debian', os_version: '12', architecture: 'x86_64' } },
  { name: 'rocky-9-genericcloud', sizeMb: 1100, minDisk: 10, properties: { os_distro: 'rocky', os_version: '9', architecture: 'x86_64' } },
  { name: 'windows-server-2022', sizeMb: 9800, minDisk: 40, properties: { os_type: 'windows', os_distro: 'windows', architecture: 'x86_64' } },
];

/** Availability zones, one per group of hosts. */
export const AVAILABILITY_ZONES = ['nova', 'zone-b', 'zone-c'];
