// Demo answers for docker-posture and container-health: each host's containers as its Docker engine reports them.
import { hoursBefore } from '../builders';
import { dockerEngineAnswers, type DemoContainer, type DemoEngine } from './docker-engine';
import type { DemoAnswers } from './types';

const days = (now: Date, n: number) => hoursBefore(now, 24 * n);
const seconds = (now: Date, n: number) => new Date(now.getTime() - n * 1000);
const MiB = 1024 * 1024;

const DOCKER_27: DemoEngine = {
  version: '27.3.1',
  apiVersion: '1.47',
  minApiVersion: '1.24',
  kernel: '6.8.0-48-generic',
  arch: 'amd64',
  platform: 'Docker Engine - Community',
};

/** Synology Container Manager ships its own Docker build. */
const SYNOLOGY_DOCKER_24: DemoEngine = {
  version: '24.0.2',
  apiVersion: '1.43',
  minApiVersion: '1.12',
  kernel: '4.4.302+',
  arch: 'amd64',
  platform: '',
};

/** Docker 29 refuses API versions below 1.44, so Vigil speaks 1.44 with the Pi. */
const DOCKER_29: DemoEngine = {
  version: '29.0.4',
  apiVersion: '1.52',
  minApiVersion: '1.44',
  kernel: '6.6.51+rpt-rpi-v8',
  arch: 'arm64',
  platform: 'Docker Engine - Community',
};

const curl = (url: string) => ['CMD-SHELL', `curl -fs ${url} || exit 1`];

/** The Ubuntu mini PC: paperless with a Redis published by mistake, paperless-ai crash-looping, searxng stuck unhealthy. */
function ubuntuContainers(now: Date): DemoContainer[] {
  const deployed = days(now, 38);
  const up = days(now, 6);
  return [
    {
      name: 'paperless-ngx', image: 'ghcr.io/paperless-ngx/paperless-ngx:2.13.5', project: 'paperless', created: deployed, startedAt: up,
      restart: 'unless-stopped', healthcheck: curl('http://localhost:8000'), health: { status: 'healthy', failingStreak: 0 },
      ports: [{ container: 8000, host: 8000, v6: true }], volumes: [{ name: 'paperless_data', target: '/usr/src/paperless/data' }],
      binds: [{ source: '/srv/paperless/consume', target: '/usr/src/paperless/consume' }],
      env: ['PAPERLESS_REDIS=redis://broker:6379', 'PAPERLESS_SECRET_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'TZ=Europe/Berlin'], pid: 2288,
    },
    // "broker" was published while debugging and never unpublished: Redis without a password on every interface.
    {
      name: 'broker', image: 'docker.io/library/redis:7.4', project: 'paperless', created: deployed, startedAt: up, restart: 'unless-stopped',
      ports: [{ container: 6379, host: 6379 }], volumes: [{ name: 'paperless_redisdata', target: '/data' }], pid: 2270,
    },
    {
      name: 'paperless-db', image: 'docker.io/library/postgres:16', project: 'paperless', created: deployed, startedAt: up, restart: 'unless-stopped',
      healthcheck: ['CMD-SHELL', 'pg_isready -U paperless'], health: { status: 'healthy', failingStreak: 0 }, memory: 1024 * MiB, pidsLimit: 200,
      volumes: [{ name: 'paperless_pgdata', target: '/var/lib/postgresql/data' }], env: ['POSTGRES_PASSWORD=xxxxxxxxxxxxxxxx'], pid: 2251,
    },
    // Paperless-AI lost its Ollama model after an upgrade and exits at start; Docker keeps restarting it.
    {
      name: 'paperless-ai', image: 'docker.io/clusterzx/paperless-ai:2.7.6', project: 'paperless', created: days(now, 3), startedAt: seconds(now, 41),
      finishedAt: seconds(now, 9), status: 'restarting', exitCode: 1, restartCount: 212, restart: 'unless-stopped',
      volumes: [{ name: 'paperless_ai_data', target: '/app/data' }], env: ['PAPERLESS_API_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
    {
      name: 'open-webui', image: 'ghcr.io/open-webui/open-webui:0.4.8', created: days(now, 20), startedAt: up, restart: 'always',
      healthcheck: curl('http://localhost:8080/health'), health: { status: 'healthy', failingStreak: 0 },
      ports: [{ container: 8080, host: 3000, ip: '127.0.0.1' }], volumes: [{ name: 'open-webui', target: '/app/backend/data' }], pid: 2412,
    },
    // SearXNG's limiter cannot reach its valkey since the last compose edit: unhealthy for about twelve hours.
    {
      name: 'searxng', image: 'docker.io/searxng/searxng:2024.11.17', project: 'searxng', created: days(now, 2), startedAt: days(now, 2),
      restart: 'unless-stopped', healthcheck: curl('http://localhost:8080/healthz'), health: { status: 'unhealthy', failingStreak: 1460 },
      capDrop: ['ALL'], capAdd: ['CHOWN', 'SETGID', 'SETUID'], ports: [{ container: 8080, host: 8080, ip: '127.0.0.1' }], pid: 3120,
    },
    {
      name: 'vaultwarden', image: 'docker.io/vaultwarden/server:1.32.5', created: days(now, 60), startedAt: up, restart: 'unless-stopped',
      healthcheck: ['CMD', '/healthcheck.sh'], health: { status: 'healthy', failingStreak: 0 }, memory: 256 * MiB, pidsLimit: 100,
      volumes: [{ name: 'vw-data', target: '/data' }], env: ['ADMIN_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'], pid: 2199,
    },
    {
      name: 'portainer', image: 'docker.io/portainer/portainer-ce:2.21.4', created: days(now, 90), startedAt: up, restart: 'always',
      ports: [{ container: 9000, host: 9000 }], binds: [{ source: '/var/run/docker.sock', target: '/var/run/docker.sock' }],
      volumes: [{ name: 'portainer_data', target: '/data' }], pid: 2355,
    },
    {
      name: 'wud', image: 'docker.io/getwud/wud:7.1.1', created: days(now, 45), startedAt: up, restart: 'unless-stopped',
      binds: [{ source: '/var/run/docker.sock', target: '/var/run/docker.sock', ro: true }], memory: 128 * MiB, pidsLimit: 100,
      healthcheck: curl('http://localhost:3000/health'), health: { status: 'healthy', failingStreak: 0 }, pid: 2301,
    },
  ];
}

/** The Synology: a privileged backup helper, a Gitea mirror on macvlan, Syncthing down since a volume went away. */
function nasContainers(now: Date): DemoContainer[] {
  const up = days(now, 12);
  return [
    {
      name: 'gitea-mirror', image: 'docker.gitea.com/gitea:1.22.3', created: days(now, 150), startedAt: up, restart: 'always', network: 'lan',
      memory: 1024 * MiB, binds: [{ source: '/volume1/docker/gitea', target: '/data' }], pid: 14011,
    },
    // "Execute container using high privilege" ticked in Container Manager so rsync could keep file ownership.
    {
      name: 'ha-backup-sync', image: 'docker.io/library/alpine:3.20', created: days(now, 70), startedAt: up, restart: 'always', privileged: true,
      binds: [
        { source: '/volume1/backups/home-assistant', target: '/backups' },
        { source: '/volume1/docker/ha-backup-sync/crontab', target: '/etc/crontabs/root', ro: true },
      ],
      pid: 14102,
    },
    // After the DSM update the second volume mounts later than Container Manager starts: syncthing failed to start.
    {
      name: 'syncthing', image: 'docker.io/syncthing/syncthing:1.28', created: days(now, 200), startedAt: days(now, 12), finishedAt: up,
      status: 'exited', exitCode: 128, restart: 'unless-stopped',
      error: 'error while creating mount source path \'/volume2/sync\': mkdir /volume2: read-only file system',
      healthcheck: curl('http://127.0.0.1:8384/rest/noauth/health'), binds: [{ source: '/volume2/sync', target: '/var/syncthing' }],
    },
  ];
}

/** The Pi: Traefik with the socket and its dashboard on every interface, CoreDNS on the host network. */
function sentinelContainers(now: Date): DemoContainer[] {
  const up = days(now, 19);
  return [
    {
      name: 'traefik', image: 'docker.io/library/traefik:v3.2.1', project: 'edge', created: days(now, 19), startedAt: up, restart: 'unless-stopped',
      healthcheck: ['CMD', 'traefik', 'healthcheck', '--ping'], health: { status: 'healthy', failingStreak: 0 }, memory: 256 * MiB, pidsLimit: 200,
      ports: [{ container: 80, host: 80 }, { container: 443, host: 443 }, { container: 8080, host: 8080 }],
      binds: [
        { source: '/var/run/docker.sock', target: '/var/run/docker.sock', ro: true },
        { source: '/opt/edge/traefik', target: '/etc/traefik' },
      ],
      env: ['CF_DNS_API_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'], pid: 1433,
    },
    {
      name: 'coredns', image: 'docker.io/coredns/coredns:1.11.3', project: 'edge', created: days(now, 19), startedAt: up, restart: 'unless-stopped',
      network: 'host', memory: 128 * MiB, pidsLimit: 100, binds: [{ source: '/opt/edge/coredns', target: '/etc/coredns', ro: true }], pid: 1470,
    },
  ];
}

/** Both container checks ask the same questions; the answers are recorded once per host. */
export const dockerAnswers: DemoAnswers = {
  ubuntu: (now) => dockerEngineAnswers('ubuntu', DOCKER_27, ubuntuContainers(now), days(now, 6)),
  nas: (now) => dockerEngineAnswers('nas', SYNOLOGY_DOCKER_24, nasContainers(now), days(now, 12)),
  sentinel: (now) => dockerEngineAnswers('sentinel', DOCKER_29, sentinelContainers(now), days(now, 19)),
};
