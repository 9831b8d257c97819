import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StatusError } from '../cluster/api/status.js';
import type { KubeObject } from '../cluster/api/types.js';
import type { Client } from '../cluster/client/client.js';
import type { CommandContext } from './context.js';
import { str } from './context.js';
import { asList } from './printers/index.js';
import { nameOf } from './printers/name.js';
import { toJSON } from './printers/json.js';
import { toYAML } from './printers/yaml.js';
import { CommandError, reportErrors } from './util/errors.js';
import type { FlagSpec } from './util/flags.js';
import { selectResources, type Selected } from './util/select.js';
import type { Verb } from './verb.js';

const flags: FlagSpec[] = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'field-manager', type: 'string', default: 'kubectl-edit' },
  { name: 'filename', usage: "Filename, directory, or URL to files to use to edit the resource", short: 'f', type: 'stringSlice' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'output-patch', type: 'bool' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'save-config', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'subresource', usage: "If specified, edit will operate on the subresource of the requested object. This flag is beta and may change in the future.", type: 'string' },
  { name: 'template', type: 'string' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'windows-line-endings', usage: "Defaults to the line ending native to your platform.", type: 'bool' },
];

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** Why the file is reopened: one `# head:` line and `# * detail` lines, then `#` (editHeader.writeTo). */
interface EditReason {
  head: string;
  other: string[];
}

function headerText(reasons: EditReason[], head = HEADER): string {
  let s = head;
  const hash = (t: string) => t.replace(/\n/g, '\n# ');
  for (const r of reasons) {
    s += r.other.length ? `# ${hash(r.head)}:\n` : `# ${hash(r.head)}\n`;
    for (const o of r.other) s += `# * ${hash(o)}\n`;
    s += '#\n';
  }
  return s;
}

/** cmdutil.StripComments: the lines that do not start with '#'. */
function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n');
}

/**
 * Runs the editor the way kubectl's editor package does: $KUBE_EDITOR, else $EDITOR, else vi; a value
 * with spaces runs through the shell with the quoted path appended. The editor owns the terminal; when
 * there is none (tests, the tutor) its output is passed on to ours.
 */
function launchEditor(ctx: CommandContext, file: string): void {
  const editor = ctx.env.KUBE_EDITOR || ctx.env.EDITOR || 'vi';
  const shell = ctx.env.SHELL || '/bin/sh';
  const [cmd, args] = editor.includes(' ') ? [shell, ['-c', `${editor} ${JSON.stringify(file)}`]] : [editor, [file]];
  const tty = ctx.io.isTTY === true;
  const r = spawnSync(cmd, args, { stdio: tty ? 'inherit' : ['ignore', 'pipe', 'pipe'], env: ctx.env, encoding: 'utf8' });
  if (!tty) {
    if (r.stdout) ctx.io.out(r.stdout);
    if (r.stderr) ctx.io.err(r.stderr);
  }
  if (r.error) throw new CommandError(`error: unable to launch the editor ${JSON.stringify(cmd)}`);
  if (r.status !== 0) throw new CommandError(`error: there was a problem with the editor ${JSON.stringify(editor)}`);
}

/** The object as the editor shows it: without managedFields, as `get -o yaml|json` prints it. */
function forEditing(obj: KubeObject): KubeObject {
  const o = structuredClone(obj);
  delete o.metadata.managedFields;
  return o;
}

/** `deployments.apps`: the resource as edit's messages name it. */
function resourceString(s: Selected): string {
  return s.spec.group ? `${s.spec.plural}.${s.spec.group}` : s.spec.plural;
}

/** What an edit works on (the editor package's EditMode): `kubectl edit` the objects, edit-last-applied their annotation. */
export interface EditMode {
  /** the comment lines the file starts with */
  header: string;
  /** what the editor shows of an object */
  shown(s: Selected): KubeObject;
  /** whether a change of apiVersion, kind or name is refused (reopening the file) */
  keepsIdentity: boolean;
  /** whether the edited object says the same as what was shown */
  unchanged(before: KubeObject, edited: KubeObject): boolean;
  /** sends the change; returns what was saved, whose name the `edited` line gives */
  save(s: Selected, before: KubeObject, edited: KubeObject): Promise<KubeObject>;
}

/** `kubectl edit`: each changed object is patched (strategic merge for built-in kinds, merge for custom resources). */
function objectEdit(ctx: CommandContext, client: Client, threeWayMergePatch: (typeof import('../cluster/api/strategicMerge.js'))['threeWayMergePatch']): EditMode {
  return {
    header: HEADER,
    shown: (s) => forEditing(s.object),
    keepsIdentity: true,
    unchanged: (before, edited) => JSON.stringify(before) === JSON.stringify(edited),
    save: (s, before, edited) =>
      client.patch(s.spec, s.namespace, s.name, s.spec.custom ? 'merge' : 'strategic', threeWayMergePatch(before, edited, before, !s.spec.custom), {
        fieldManager: str(ctx.flags['field-manager']),
        subresource: str(ctx.flags.subresource) === 'status' ? 'status' : undefined,
      }),
  };
}

async function run(ctx: CommandContext): Promise<number> {
  const client = await ctx.client();
  const sel = await selectResources(ctx, client, {});
  if (sel.errors.length) return reportErrors(ctx.io, sel.errors);
  const { threeWayMergePatch } = await import('../cluster/api/strategicMerge.js');
  return editLoop(ctx, sel.items, objectEdit(ctx, client, threeWayMergePatch));
}

/**
 * The editor loop: the objects go to a temp file, the editor runs, and each changed object is saved. An
 * invalid change reopens the file with the server's reasons at the top; saving it again unchanged gives up
 * and keeps a copy.
 */
export async function editLoop(ctx: CommandContext, items: Selected[], mode: EditMode): Promise<number> {
  const o = str(ctx.flags.output) || 'yaml';
  if (o !== 'yaml' && o !== 'json') throw new CommandError(`error: unable to match a printer suitable for the output format "${o}", allowed formats are: json,yaml`);
  if (!items.length) return 0;
  const render = (sel: Selected[]) => {
    const data = sel.length === 1 ? mode.shown(sel[0]) : asList(sel.map((s) => mode.shown(s)));
    return o === 'json' ? toJSON(data) : toYAML(data);
  };
  const { parseAllDocuments } = await import('yaml');
  const original = render(items);
  let reasons: EditReason[] = [];
  let pending = items;
  let edited = '';
  let file = '';
  let containsError = false;
  for (;;) {
    const previous = edited;
    const body = containsError ? stripComments(edited).replace(/^\n+/, '') : render(pending);
    if (file) fs.rmSync(file, { force: true });
    file = path.join(os.tmpdir(), `kubectl-edit-${Math.floor(Math.random() * 1e9)}.${o}`);
    fs.writeFileSync(file, headerText(reasons, mode.header) + body);
    launchEditor(ctx, file);
    edited = fs.readFileSync(file, 'utf8');
    if (containsError && stripComments(previous) === stripComments(edited)) {
      ctx.io.err(`A copy of your changes has been stored to ${JSON.stringify(file)}\n`);
      throw new CommandError('error: Edit cancelled, no valid changes were saved.');
    }
    if (stripComments(headerText([], mode.header) + original) === stripComments(edited)) {
      fs.rmSync(file, { force: true });
      ctx.io.err('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (!stripComments(edited).trim()) {
      fs.rmSync(file, { force: true });
      ctx.io.err('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    reasons = [];
    let docs: KubeObject[];
    try {
      const parsed = parseAllDocuments(stripComments(edited));
      const values: unknown[] = [];
      for (const d of Array.isArray(parsed) ? parsed : [parsed]) {
        if (d.errors.length) throw new Error(d.errors[0].message.split('\n')[0]);
        values.push(d.toJS());
      }
      const first = values.find((v) => v !== null && v !== undefined) as KubeObject | undefined;
      docs = first?.kind === 'List' ? (first.items as KubeObject[]) : (values.filter(Boolean) as KubeObject[]);
    } catch (e) {
      reasons.push({ head: `The edited file had a syntax error: ${(e as Error).message}`, other: [] });
      containsError = true;
      continue;
    }
    const stillInvalid: Selected[] = [];
    let notFound = 0;
    for (const s of pending) {
      const mine = docs.find((d) => d?.metadata?.name === s.name && d.kind === s.object.kind) ?? (pending.length === 1 ? docs[0] : undefined);
      if (!mine) continue;
      const before = mode.shown(s);
      if (mode.keepsIdentity && (mine.apiVersion !== before.apiVersion || mine.kind !== before.kind || mine.metadata?.name !== before.metadata.name)) {
        reasons.push({ head: `${resourceString(s)} ${JSON.stringify(s.name)} was not valid`, other: ['At least one of apiVersion, kind and name was changed'] });
        ctx.io.err(`error: ${resourceString(s)} ${JSON.stringify(s.name)} is invalid\n`);
        stillInvalid.push(s);
        continue;
      }
      if (mode.unchanged(before, mine)) {
        ctx.io.out(`${nameOf(mine)} skipped\n`);
        continue;
      }
      try {
        ctx.io.out(`${nameOf(await mode.save(s, before, mine))} edited\n`);
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        if (e.reason === 'Invalid') {
          reasons.push({
            head: `${resourceString(s)} ${JSON.stringify(s.name)} was not valid`,
            other: (e.details.causes ?? []).map((c) => `${c.field}: ${c.message}`),
          });
          ctx.io.err(`error: ${resourceString(s)} ${JSON.stringify(s.name)} is invalid\n`);
          stillInvalid.push(s);
        } else if (e.reason === 'NotFound') {
          notFound++;
          ctx.io.err(`error: ${resourceString(s)} ${JSON.stringify(s.name)} could not be found on the server\n`);
        } else ctx.io.err(`error: ${resourceString(s)} ${JSON.stringify(s.name)} could not be patched: ${e.message}\n`);
      }
    }
    if (notFound) {
      ctx.io.err(`The edits you made on deleted resources have been saved to ${JSON.stringify(file)}\n`);
      return 1;
    }
    if (!stillInvalid.length && !reasons.length) {
      fs.rmSync(file, { force: true });
      return 0;
    }
    pending = stillInvalid.length ? stillInvalid : pending;
    containsError = true;
  }
}

const help = `Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the 'SHELL' environment variable. If this is not defined, the default shell will be used, which is '/bin/bash' for Linux or 'cmd' for Windows.

 You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify the resource, version, and group.

 The default format is YAML. To edit in JSON, specify "-o json".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.

Examples:
  # Edit the service named 'registry'
  kubectl edit svc/registry
  
  # Use an alternative editor
  KUBE_EDITOR="nano" kubectl edit svc/registry
  
  # Edit the job 'myjob' in JSON using the v1 API format
  kubectl edit job.v1.batch/myjob -o json
  
  # Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation
  kubectl edit deployment/mydeployment -o yaml --save-config
  
  # Edit the 'status' subresource for the 'mydeployment' deployment
  kubectl edit deployment mydeployment --subresource='status'

Usage:
  kubectl edit (RESOURCE/NAME | -f FILENAME) [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'edit', flags, help, run };
