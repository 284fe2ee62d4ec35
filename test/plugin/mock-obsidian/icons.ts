// Mock of setIcon: small hand-drawn SVGs for the icon names the plugin uses, so screenshots show shapes, not blanks.

const SHAPES: Record<string, string> = {
  flame: 'M12 3c1 4 5 5 5 10a5 5 0 0 1-10 0c0-3 2-4 2-7 2 1 3 3 3 5',
  'alert-triangle': 'M12 3 2 21h20L12 3zM12 10v5M12 18h.01',
  'alert-circle': 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18zM12 8v5M12 16h.01',
  'arrow-down-circle': 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18zM12 8v8M8 12l4 4 4-4',
  info: 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18zM12 11v5M12 8h.01',
  'check-circle': 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18zM8 12l3 3 5-6',
  siren: 'M6 18v-6a6 6 0 0 1 12 0v6M4 18h16v3H4zM12 3v2',
  'file-text': 'M6 2h9l5 5v15H6zM14 2v6h6M9 13h6M9 17h6',
  'file-warning': 'M6 2h9l5 5v15H6zM14 2v6h6M12 11v4M12 18h.01',
  'rotate-ccw': 'M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5',
  'hard-drive': 'M2 13h20v7H2zM5 13l3-8h8l3 8M6 17h.01M10 17h.01',
  pin: 'M9 3h6l-1 6 3 4H7l3-4-1-6zM12 13v8',
  'shield-check': 'M12 2 4 5v6c0 5 3.5 9 8 11 4.5-2 8-6 8-11V5l-8-3zM8.5 12l2.5 2.5 4.5-5',
  'life-buoy': 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18zM12 8a4 4 0 1 0 0 8 4 4 0 1 0 0-8zM5.6 5.6l3.6 3.6M14.8 14.8l3.6 3.6M18.4 5.6l-3.6 3.6M9.2 14.8l-3.6 3.6',
};

// The names Lucide uses today, as aliases of the older ones above (Obsidian has one or the other, by version).
for (const [now, old] of [
  ['triangle-alert', 'alert-triangle'],
  ['circle-alert', 'alert-circle'],
  ['circle-arrow-down', 'arrow-down-circle'],
  ['circle-check', 'check-circle'],
] as const) SHAPES[now] = SHAPES[old]!;

/** Obsidian's getIcon: the icon's SVG, or null for a name the icon set does not have. */
export function getIcon(iconId: string): SVGSVGElement | null {
  const el = document.createElement('span');
  setIcon(el, iconId);
  return el.querySelector('svg');
}

/** Obsidian's setIcon: replaces the element's content with the icon's SVG (unknown names leave it empty). */
export function setIcon(parent: HTMLElement, iconId: string): void {
  parent.empty();
  const d = SHAPES[iconId];
  if (!d) return;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  for (const [k, v] of Object.entries({ viewBox: '0 0 24 24', width: '24', height: '24', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' })) {
    svg.setAttribute(k, v);
  }
  svg.setAttribute('class', `svg-icon lucide-${iconId}`);
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', d);
  svg.appendChild(path);
  parent.appendChild(svg);
}
