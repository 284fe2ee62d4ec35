import { describe, expect, it } from 'vitest';
import { openNoteUrl, parseObsidianUrl, parseVigilParams, vigilUrl } from '../../shared/deeplink';

describe('deep links', () => {
  it('builds obsidian://open for a note, without .md, with every special character encoded', () => {
    const url = openNoteUrl('Home lab', 'Vigil/Incidents/2026/2026-11-23 Port 8080 & co #1?.md');
    expect(url).toBe('obsidian://open?vault=Home%20lab&file=Vigil%2FIncidents%2F2026%2F2026-11-23%20Port%208080%20%26%20co%20%231%3F');
    expect(parseObsidianUrl(url)).toEqual({ action: 'open', params: { vault: 'Home lab', file: 'Vigil/Incidents/2026/2026-11-23 Port 8080 & co #1?' } });
  });

  it('round-trips a timeline link with filters through what Obsidian hands the protocol handler', () => {
    const url = vigilUrl('Homelab', { view: 'timeline', host: 'nas', severity: 'high', status: 'open', q: 'port 80+' });
    const parsed = parseObsidianUrl(url)!;
    expect(parsed.action).toBe('vigil');
    expect(parseVigilParams(parsed.params)).toEqual({ view: 'timeline', host: 'nas', severity: 'high', status: 'open', q: 'port 80+' });
  });

  it('treats link parameters as untrusted: unknown views and severities drop, values are bounded and cleaned', () => {
    expect(parseVigilParams({ view: 'evil', severity: 'apocalyptic', host: ' nas\u0000 ', check: 42 })).toEqual({ view: 'timeline', host: 'nas' });
    expect(parseVigilParams({ view: 'recovery', q: 'x'.repeat(500) }).q).toHaveLength(200);
    expect(parseObsidianUrl('https://example.com')).toBeNull();
    expect(parseObsidianUrl('obsidian://open?file=%E0%A4%A')).toBeNull();
  });
});
