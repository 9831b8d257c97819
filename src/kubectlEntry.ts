// The entry of the kubectl bundle (scripts/bundle.js), which bin/kubecadet.js runs for `kubecadet kubectl ...`
// and `kubecadet k ...`: the same steps as cli.ts takes for them.
import { endQuietlyOnClosedPipe, kubectlMain, submitExamIfTimeIsUp } from './kubectlMain.js';

endQuietlyOnClosedPipe();
void submitExamIfTimeIsUp()
  .then(() => kubectlMain(process.argv.slice(3)))
  .then((code) => {
    process.exitCode = code;
  });
