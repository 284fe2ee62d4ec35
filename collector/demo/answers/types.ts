// The shape every check's demo answers take: per demo host, the recorded answers for one day.
import type { FixtureAnswer } from '../../host/fixture';

/** The demo's hosts. */
export type DemoHostName = 'nas' | 'ubuntu' | 'sentinel';

/** Answers one check contributes to each demo host's fixture on a given day (`day` counts from 0). */
export type DemoAnswers = Partial<Record<DemoHostName, (now: Date, day: number) => FixtureAnswer[]>>;
