// The demo's machines: who they are, and their fixtures assembled from every check's demo answers.
import type { Fixture } from '../host/fixture';
import { DEMO_ANSWERS } from './answers';
import type { DemoHostName } from './answers/types';

/** What a demo machine is. */
interface DemoMachine {
  name: DemoHostName;
  kind: Fixture['kind'];
  description: string;
}

/** The sample homelab's machines. */
export const DEMO_MACHINES: readonly DemoMachine[] = [
  { name: 'ubuntu', kind: 'local', description: 'Ubuntu 25.04 mini PC (N100), OpenSSH 9.9, Docker 27, runs Vigil from a systemd user timer' },
  { name: 'nas', kind: 'ssh', description: 'Synology DS920+ running DSM 7.2, recorded over SSH with sudo' },
  { name: 'sentinel', kind: 'ssh', description: 'Raspberry Pi 4, Raspberry Pi OS 12 (bookworm): Traefik + CoreDNS in Docker, NUT and Tailscale on the host' },
];

/** One machine's fixture on one demo day. */
export function demoFixture(machine: DemoMachine, now: Date, day: number): Fixture {
  return {
    vigil_fixture: 1,
    host: machine.name,
    kind: machine.kind,
    captured_at: now.toISOString(),
    vigil_version: 'demo',
    description: machine.description,
    answers: DEMO_ANSWERS.flatMap((a) => a[machine.name]?.(now, day) ?? []),
  };
}
