/**
 * The lesson and exam-task format. A lesson is data (one YAML file in content/): its text, the cluster it
 * starts from, and for each step the cluster state that completes it, written as expectations. These types
 * are the manual for lesson authors.
 */

/** A value condition on a field: a literal means "equals"; an object states the comparison. */
export type FieldCondition =
  | string
  | number
  | boolean
  | null
  | {
      equals?: unknown;
      notEquals?: unknown;
      matches?: string;
      contains?: unknown;
      exists?: boolean;
      atLeast?: number;
      atMost?: number;
      in?: unknown[];
    };

/** Which objects an expectation is about. */
export interface ObjectRef {
  /** Kind, plural or short name, as kubectl accepts it: `Deployment`, `pods`, `svc` */
  kind: string;
  name?: string;
  /** default: the lesson's namespace (`default` unless the lesson says otherwise) */
  namespace?: string;
  /** a label selector in kubectl's syntax: `app=web,tier!=db` */
  selector?: string;
}

export interface ObjectExpectation {
  /** the object must exist and satisfy `where` */
  object: ObjectRef;
  /** field path (kubectl JSONPath without braces, e.g. `spec.replicas`, `spec.containers[0].image`) -> condition */
  where?: Record<string, FieldCondition>;
  /** what this expectation means in the learner's words, shown when it holds ("deployment web has 3 replicas") */
  says?: string;
}

export interface CountExpectation {
  count: ObjectRef;
  where?: Record<string, FieldCondition>;
  /** only objects bound to nodes other than this one (pods) */
  notOnNode?: string;
  /** only objects bound to this node (pods) */
  onNode?: string;
  /** only pods controlled (through a ReplicaSet) by this Deployment, or directly by this owner name */
  ownedBy?: string;
  is?: number;
  atLeast?: number;
  atMost?: number;
  says?: string;
}

export interface AbsentExpectation {
  absent: ObjectRef;
  says?: string;
}

export interface EventExpectation {
  event: {
    reason: string;
    type?: 'Normal' | 'Warning';
    /** the involved object's kind and name (name may be a prefix ending in `*`) */
    kind?: string;
    name?: string;
    namespace?: string;
    /** a regular expression the message must match */
    message?: string;
  };
  says?: string;
}

export interface CheckExpectation {
  /** a named code check from src/lessons/checks/, for what the data forms cannot say */
  check: string;
  args?: Record<string, unknown>;
  says?: string;
}

/** Running pods, by namespace and a label selector or a name. */
export interface PodsRef {
  namespace?: string;
  selector?: string;
  name?: string;
}

export interface ConnectExpectation {
  /** connections from every running pod of `from` to every running pod of `to` on `port`, as the network decides them */
  connect: { from: PodsRef; to: PodsRef; port: number; protocol?: 'TCP' | 'UDP' | 'SCTP' };
  /** what the cluster's NetworkPolicies must make of each of them */
  is: 'allowed' | 'denied';
  says?: string;
}

export type Expectation = ObjectExpectation | CountExpectation | AbsentExpectation | EventExpectation | CheckExpectation | ConnectExpectation;

/** Something done to the starting cluster that kubectl cannot do: the simulated machines. */
export type SetupAction =
  | { stopNode: string }
  | { addNode: string; role?: 'worker' | 'control-plane' }
  | { disableController: string }
  | { advance: string }
  /** kubectl commands run as the cluster's administrator while preparing */
  | { kubectl: string };

export interface StartingCluster {
  /** a fixture in fixtures/clusters/ (default: `default`) */
  fixture?: string;
  /** manifests (YAML documents) created before the lesson starts */
  manifests?: string;
  /** actions run in order after the manifests */
  actions?: SetupAction[];
}

/** A command as a lesson's solution or near miss gives it. */
export type SolutionCommand = string | { run: string; stdin: string };

export interface Step {
  title: string;
  /** the step's text: paragraphs, `inline code`, and fenced blocks for commands */
  text: string;
  /** a ladder of hints, from a nudge to almost the answer */
  hints?: string[];
  /** commands that complete the step: `kubectl ...`, or `{run, stdin}` for `kubectl apply -f -` with a manifest */
  solution: SolutionCommand[];
  /** all must hold for the step to be done */
  expect: Expectation[];
  /**
   * For the lesson's tests: plausible wrong answers (commands run from the state the step starts in) that
   * must leave the step open. Each near miss is a list of commands.
   */
  nearMisses?: SolutionCommand[][];
  /** simulated time to let pass after the solution before checking (e.g. `30s`, default 20s) */
  settle?: string;
}

export interface Lesson {
  id: string;
  chapter: string;
  title: string;
  /** one or two sentences for the lesson list */
  summary: string;
  /** the namespace commands and expectations default to */
  namespace?: string;
  cluster?: StartingCluster;
  steps: Step[];
}

export function isObject(e: Expectation): e is ObjectExpectation {
  return 'object' in e;
}
export function isCount(e: Expectation): e is CountExpectation {
  return 'count' in e;
}
export function isAbsent(e: Expectation): e is AbsentExpectation {
  return 'absent' in e;
}
export function isEvent(e: Expectation): e is EventExpectation {
  return 'event' in e;
}
export function isCheck(e: Expectation): e is CheckExpectation {
  return 'check' in e;
}
export function isConnect(e: Expectation): e is ConnectExpectation {
  return 'connect' in e;
}
