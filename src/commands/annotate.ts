import type { CommandContext } from './context.js';
import { metaMapFlags, runMetaMap, type MetaMapVerb } from './label.js';
import { CommandError } from './util/errors.js';
import type { Verb } from './verb.js';

/** `kubernetes.io/change-cause` may always be overwritten (it records the command that made a change) */
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

const annotateVerb: MetaMapVerb = {
  name: 'annotate',
  field: 'annotations',
  pairType: 'annotation',
  reportAbsent: false,
  noUpdates: 'at least one annotation update is required',
  // cmdutil.ParsePairs: the value is everything after the first '='
  parse(args) {
    const set = new Map<string, string>();
    const remove: string[] = [];
    const invalid: string[] = [];
    for (const arg of args) {
      if (arg.includes('=') && arg[0] !== '=') {
        const eq = arg.indexOf('=');
        set.set(arg.slice(0, eq), arg.slice(eq + 1));
      } else if (arg.endsWith('-') && arg !== '-') remove.push(arg.slice(0, -1));
      else invalid.push(arg);
    }
    if (invalid.length) throw new CommandError(`error: invalid annotation format: ${invalid.join(', ')}`);
    const both = remove.filter((k) => set.has(k));
    if (both.length) throw new CommandError(`error: can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
    return { set, remove };
  },
  checkOverwrite(current, set) {
    const found = [...set.keys()].filter((k) => k !== CHANGE_CAUSE && k in current).map((k) => `'${k}' already has a value (${current[k]})`);
    if (found.length) throw new CommandError(`error: --overwrite is false but found the following declared annotation(s): ${found.join('; ')}`);
  },
  message: () => 'annotated',
};

async function run(ctx: CommandContext): Promise<number> {
  return runMetaMap(ctx, annotateVerb);
}

const help = `Update the annotations on one or more resources.

 All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.

 Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.

Use "kubectl api-resources" for a complete list of supported resources.

Examples:
  # Update pod 'foo' with the annotation 'description' and the value 'my frontend'
  # If the same annotation is set multiple times, only the last value will be applied
  kubectl annotate pods foo description='my frontend'
  
  # Update a pod identified by type and name in "pod.json"
  kubectl annotate -f pod.json description='my frontend'
  
  # Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value
  kubectl annotate --overwrite pods foo description='my frontend running nginx'
  
  # Update all pods in the namespace
  kubectl annotate pods --all description='my frontend running nginx'
  
  # Update pod 'foo' only if the resource is unchanged from version 1
  kubectl annotate pods foo description='my frontend running nginx' --resource-version=1
  
  # Update pod 'foo' by removing an annotation named 'description' if it exists
  # Does not require the --overwrite flag
  kubectl annotate pods foo description-

Usage:
  kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const flags = metaMapFlags('kubectl-annotate', {
  all: 'Select all resources, in the namespace of the specified resource types.',
  filename: 'Filename, directory, or URL to files identifying the resource to update the annotation',
  list: 'If true, display the annotations for a given resource.',
  local: 'If true, annotation will NOT contact api-server but run locally.',
  overwrite: 'If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations.',
  'resource-version': 'If non-empty, the annotation update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.',
});

export const verb: Verb = { name: 'annotate', flags, help, run };
