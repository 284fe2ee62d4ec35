// Every check's demo answers. Add a check's answers file here (one line) and nowhere else.
import { collectorSelfAnswers } from './collector-self';
import { listeningSocketsAnswers } from './listening-sockets';
import type { DemoAnswers } from './types';

export const DEMO_ANSWERS: readonly DemoAnswers[] = [listeningSocketsAnswers, collectorSelfAnswers];
