import type { Component } from '../component.js';

/**
 * A controller of kube-controller-manager: a Component registered under its canonical name, with the
 * `--controllers` short name as an alias, that `kubecadet cluster controllers` can switch off and on.
 */
export interface ControllerSpec extends Component {
  /** canonical name, e.g. `replicaset-controller` */
  name: string;
  /** the `--controllers` short names, e.g. `replicaset` */
  aliases: string[];
  /** off unless enabled explicitly (like bootstrap-signer-controller) */
  disabledByDefault?: boolean;
}
