import type { CommandContext } from '../context.js';
import { encodeToJSON as encode, LAST_APPLIED } from '../create/generator.js';
import { editLoop, type EditMode } from '../edit.js';
import { CommandError, reportErrors } from '../util/errors.js';
import type { FlagSpec } from '../util/flags.js';
import { selectResources } from '../util/select.js';
import type { Verb } from '../verb.js';

/**
 * `kubectl apply edit-last-applied`: the editor shows the last-applied annotations of the objects (those that
 * have one), and an annotation edited is set to the edited object, as set-last-applied sets it from a file;
 * the objects themselves stay as they are until the next apply.
 */
async function run(ctx: CommandContext): Promise<number> {
  const client = await ctx.client();
  const sel = await selectResources(ctx, client, {});
  if (sel.errors.length) return reportErrors(ctx.io, sel.errors);
  const items = sel.items.filter((s) => s.object.metadata.annotations?.[LAST_APPLIED] !== undefined);
  if (sel.items.length && !items.length)
    throw new CommandError('error: no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`');
  const mode: EditMode = {
    header: "# Please edit the 'last-applied-configuration' annotations below.\n# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.\n#\n",
    shown: (s) => JSON.parse(s.object.metadata.annotations![LAST_APPLIED]),
    keepsIdentity: false,
    unchanged: (before, edited) => encode(before) === encode(edited),
    save: async (s, _before, edited) => {
      await client.patch(s.spec, s.namespace, s.name, 'merge', { metadata: { annotations: { [LAST_APPLIED]: encode(edited) } } }, { fieldManager: String(ctx.flags['field-manager']) });
      return edited;
    },
  };
  return editLoop(ctx, items, mode);
}

const flags: FlagSpec[] = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' },
  { name: 'filename', usage: "Filename, directory, or URL to files to use to edit the resource", short: 'f', type: 'stringSlice' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'template', type: 'string' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'windows-line-endings', usage: "Defaults to the line ending native to your platform.", type: 'bool' },
];

const help = `Edit the latest last-applied-configuration annotations of resources from the default editor.

 The edit-last-applied command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 The default format is YAML. To edit in JSON, specify "-o json".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.

Examples:
  # Edit the last-applied-configuration annotations by type/name in YAML
  kubectl apply edit-last-applied deployment/nginx
  
  # Edit the last-applied-configuration annotations by file in JSON
  kubectl apply edit-last-applied -f deploy.yaml -o json

Usage:
  kubectl apply edit-last-applied (RESOURCE/NAME | -f FILENAME) [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'edit-last-applied', flags, help, run };
