// Every check's demo answers. Add a check's answers file here (one line) and nowhere else.
import { aptUpgradableAnswers } from './apt-upgradable';
import { backupBorgAnswers } from './backup-borg';
import { backupFilesAnswers } from './backup-files';
import { backupResticAnswers } from './backup-restic';
import { collectorSelfAnswers } from './collector-self';
import { dockerAnswers } from './docker';
import { listeningSocketsAnswers } from './listening-sockets';
import { lynisAnswers } from './lynis';
import { prometheusAlertsAnswers } from './prometheus-alerts';
import { secretsHygieneAnswers } from './secrets-hygiene';
import { sshAuthAnswers } from './ssh-auth';
import { systemdDriftAnswers } from './systemd-drift';
import { tlsExpiryAnswers } from './tls-expiry';
import type { DemoAnswers } from './types';
import { unifiAnswers } from './unifi';

export const DEMO_ANSWERS: readonly DemoAnswers[] = [listeningSocketsAnswers, dockerAnswers, systemdDriftAnswers, secretsHygieneAnswers, aptUpgradableAnswers, sshAuthAnswers, unifiAnswers, prometheusAlertsAnswers, tlsExpiryAnswers, lynisAnswers, backupResticAnswers, backupBorgAnswers, backupFilesAnswers, collectorSelfAnswers];
