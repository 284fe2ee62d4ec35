// Every check's demo answers. Add a check's answers file here (one line) and nowhere else.
import { collectorSelfAnswers } from './collector-self';
import { dockerAnswers } from './docker';
import { listeningSocketsAnswers } from './listening-sockets';
import { prometheusAlertsAnswers } from './prometheus-alerts';
import { sshAuthAnswers } from './ssh-auth';
import { tlsExpiryAnswers } from './tls-expiry';
import type { DemoAnswers } from './types';
import { unifiAnswers } from './unifi';

export const DEMO_ANSWERS: readonly DemoAnswers[] = [listeningSocketsAnswers, dockerAnswers, sshAuthAnswers, unifiAnswers, prometheusAlertsAnswers, tlsExpiryAnswers, collectorSelfAnswers];
