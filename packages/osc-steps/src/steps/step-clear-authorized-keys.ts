import type { Step } from '@osc-packer/builder-core';
import type { OscBuildState } from './osc-build-state';

/** The key material of an OpenSSH public key line (its second field): base64, safe in a shell string. */
function keyBlob(publicKey: string): string | undefined {
  const blob = publicKey.trim().split(/\s+/)[1];
  return blob && /^[A-Za-z0-9+/=]+$/.test(blob) ? blob : undefined;
}

/**
 * The shell command that removes every authorized_keys line holding `publicKey`'s key from `file`, keeping
 * the file's owner and mode (it is rewritten in place, not replaced). The file is rewritten only once the
 * filtered copy is complete (grep's "no line left" is fine, an unwritable copy is not), so a failure leaves
 * it as it was and the command exits non-zero.
 */
export function removeKeyCommand(publicKey: string, file: string): string | undefined {
  const blob = keyBlob(publicKey);
  if (!blob) return undefined;
  return (
    `f=${file}; if [ -f "$f" ]; then { grep -vF '${blob}' "$f" || [ $? -eq 1 ]; } > "$f.osc-packer" && ` +
    `cat "$f.osc-packer" > "$f"; s=$?; rm -f "$f.osc-packer"; exit $s; fi`
  );
}

/**
 * Removes the temporary key from the VM's `authorized_keys` (the user's and root's) before the OMI is made,
 * when `ssh_clear_authorized_keys` is set (Packer's StepCleanupTempKeys). Only the temporary key is removed;
 * failures are reported, not fatal, as in Packer.
 */
export function stepClearAuthorizedKeys(config: {
  ssh_clear_authorized_keys: boolean;
  temporaryKey: boolean;
}): Step<OscBuildState> {
  return {
    name: 'clear temporary keys',
    requires: ['communicator', 'publicKey'],
    async run({ signal, ui }, state) {
      const communicator = state.communicator;
      if (!config.ssh_clear_authorized_keys || !config.temporaryKey || !communicator || !state.publicKey) return;
      ui.say('Trying to remove ephemeral keys from authorized_keys files');
      const user = removeKeyCommand(state.publicKey, '"$HOME/.ssh/authorized_keys"');
      const root = removeKeyCommand(state.publicKey, '/root/.ssh/authorized_keys');
      if (!user || !root) return;
      const commands = [
        { what: 'the user', command: user },
        { what: 'root', command: `sudo -n sh -c '${root.replaceAll("'", `'"'"'`)}'` },
      ];
      for (const { what, command } of commands) {
        const status = await communicator.exec({ command }, signal);
        if (status.kind !== 'exited' || status.code !== 0) {
          ui.error(`Error removing the temporary key from ${what}'s authorized_keys: ${JSON.stringify(status)}`);
        }
      }
    },
  };
}
