/**
 * The exam-task format. An exam task is data (one YAML file in content/exam/<track>/<id>.yaml): a statement,
 * the cluster state it starts from, checks worth points, a reference solution, and near misses that prove
 * each check can fail. Tasks declare parameters, so every attempt draws its own variant from the exam's seed.
 * These types are the manual for task authors; the grading test (test/lessons/examTasks.test.ts) holds every
 * task to them.
 */
import type { Expectation, SolutionCommand, StartingCluster } from './schema.js';

export type Track = 'cka' | 'ckad';
export const TRACKS: Track[] = ['cka', 'ckad'];

/** The curriculum domains and their weights in percent (CKA and CKAD curricula as of 2025). */
export const DOMAINS: Record<Track, Record<string, number>> = {
  cka: {
    'architecture-installation': 25,
    'workloads-scheduling': 15,
    'services-networking': 20,
    storage: 10,
    troubleshooting: 30,
  },
  ckad: {
    'design-build': 20,
    deployment: 20,
    'observability-maintenance': 15,
    'environment-config-security': 25,
    'services-networking': 20,
  },
};

/** The domains as the report names them. */
export const DOMAIN_TITLES: Record<string, string> = {
  'architecture-installation': 'Cluster Architecture, Installation and Configuration',
  'workloads-scheduling': 'Workloads and Scheduling',
  'services-networking': 'Services and Networking',
  storage: 'Storage',
  troubleshooting: 'Troubleshooting',
  'design-build': 'Application Design and Build',
  deployment: 'Application Deployment',
  'observability-maintenance': 'Application Observability and Maintenance',
  'environment-config-security': 'Application Environment, Configuration and Security',
};

/** The pass mark the real exams use today, in percent (both tracks). */
export const PASS_MARK = 66;

/** The context a task runs on when it names none. */
export const DEFAULT_CONTEXT = 'k8s-c1';

/**
 * A parameter's choices: a list (one element is picked), or `{int: [min, max]}` (an integer in the range,
 * both ends included).
 */
export type ParamSpec = (string | number | boolean)[] | { int: [number, number] };

/** A drawn variant: each parameter's value. */
export type ParamValues = Record<string, string | number | boolean>;

/** One graded part of a task: worth `points` when every expectation in `expect` holds. */
export interface ExamCheck {
  points: number;
  /** what the check is, in the candidate's words: `deployment api has 3 replicas` */
  says: string;
  /** all must hold for the check's points (the lesson expectations: object, count, absent, event, check) */
  expect: Expectation[];
  /**
   * Plausible wrong answers, at least one: each is a list of commands run from the starting state that must
   * leave THIS check failing (other checks may pass or fail).
   */
  nearMisses: SolutionCommand[][];
}

/**
 * One exam task. After YAML parsing every string is templated: `{{p}}` is replaced by the parameter's drawn
 * value, and a string that is exactly `{{p}}` takes the value with its type (`"{{replicas}}"` becomes 3).
 */
export interface ExamTask {
  /** unique, kebab-case, prefixed by the track: `cka-scale-deployment` */
  id: string;
  track: Track;
  /** one of the track's DOMAINS */
  domain: string;
  /** the points the task is worth in the exam (real exams: 2-13, mostly 4-8) */
  weight: number;
  title: string;
  /** lesson ids that teach what the task asks, for coaching */
  lessons?: string[];
  /** the imperative form that saves time on this task, for coaching */
  faster?: string;
  /** parameters drawn per attempt from the exam's seed */
  params?: Record<string, ParamSpec>;
  /** the context (cluster) the task runs on: default `k8s-c1` */
  context?: string;
  /** the namespace expectations default to (default: `default`) */
  namespace?: string;
  /** the starting state, applied to the context's cluster before the clock starts */
  cluster?: StartingCluster;
  /** what the candidate reads: which context and namespace to use, and what to do */
  statement: string;
  /** each worth points; the task's score is the sum of the passed checks' points */
  checks: ExamCheck[];
  /** the reference solution: completes every check */
  solution: SolutionCommand[];
  /** simulated time after the solution before grading (e.g. `30s`; default 20s) */
  settle?: string;
}

/** A task with one variant drawn: every template filled in, parameters gone. */
export interface DrawnTask extends Omit<ExamTask, 'params'> {
  /** the seed the variant was drawn from */
  seed: number;
  /** the values drawn */
  values: ParamValues;
}
