import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import type { OutlineEntry } from '../outline';

/** Where a named destination points: a page of the document and the height on it (PDF units, from the bottom). */
export interface Destination {
  page: number;
  top: number;
}

/**
 * The named destinations Chromium wrote into a printed document (the catalog's `/Dests`, or a
 * `/Names` tree), as page indexes plus `pageOffset`: where the document's pages start in the merged one.
 */
export function readDestinations(doc: PDFDocument, pageOffset = 0): Map<string, Destination> {
  const pages = new Map(doc.getPages().map((p, i) => [p.ref, i]));
  const out = new Map<string, Destination>();
  const add = (name: string, value: PDFObject | undefined) => {
    let dest = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (dest instanceof PDFDict) dest = dest.lookup(PDFName.of('D'));
    if (!(dest instanceof PDFArray)) return;
    const page = pages.get(dest.get(0) as PDFRef);
    const top = dest.lookup(3);
    if (page !== undefined) out.set(name, { page: page + pageOffset, top: top instanceof PDFNumber ? top.asNumber() : 0 });
  };
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [key, value] of dests?.entries() ?? []) add(key.decodeText(), value);
  const tree = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const walk = (node: PDFDict | undefined) => {
    const names = node?.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      if (key instanceof PDFString || key instanceof PDFHexString) add(key.decodeText(), names.get(i + 1));
    }
    const kids = node?.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict));
  };
  walk(tree);
  return out;
}

interface Node {
  entry: OutlineEntry;
  destination: Destination;
  children: Node[];
  ref: PDFRef;
}

/**
 * Writes the document outline (bookmarks) from `entries` in reading order, each pointing to its
 * destination; entries without one (an anchor Chromium did not lay out) are left out. Top-level
 * entries show; their children (the projects of a 1,000-server table) are folded. The viewer opens
 * with the outline shown.
 */
export function writeOutline(doc: PDFDocument, entries: OutlineEntry[], destinations: Map<string, Destination>): void {
  const { context } = doc;
  const roots: Node[] = [];
  const path: Node[] = [];
  for (const entry of entries) {
    const destination = destinations.get(entry.id);
    if (!destination) continue;
    const node: Node = { entry, destination, children: [], ref: context.nextRef() };
    while (path.length > 0 && path[path.length - 1].entry.level >= entry.level) path.pop();
    (path.length > 0 ? path[path.length - 1].children : roots).push(node);
    path.push(node);
  }
  if (roots.length === 0) return;
  const pages = doc.getPages();
  const outlines = context.nextRef();
  const write = (nodes: Node[], parent: PDFRef) => {
    nodes.forEach((node, i) => {
      const d = node.destination;
      const dict: Record<string, PDFObject> = {
        Title: PDFHexString.fromText(node.entry.title),
        Parent: parent,
        Dest: context.obj([pages[d.page].ref, PDFName.of('XYZ'), PDFNull, PDFNumber.of(d.top), PDFNull]),
      };
      if (i > 0) dict.Prev = nodes[i - 1].ref;
      if (i < nodes.length - 1) dict.Next = nodes[i + 1].ref;
      if (node.children.length > 0) {
        dict.First = node.children[0].ref;
        dict.Last = node.children[node.children.length - 1].ref;
        // Negative: folded, with this many entries beneath.
        dict.Count = PDFNumber.of(-node.children.length);
        write(node.children, node.ref);
      }
      context.assign(node.ref, context.obj(dict));
    });
  };
  write(roots, outlines);
  context.assign(outlines, context.obj({ Type: 'Outlines', First: roots[0].ref, Last: roots[roots.length - 1].ref, Count: roots.length }));
  doc.catalog.set(PDFName.of('Outlines'), outlines);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
