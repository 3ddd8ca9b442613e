import type {
  AnyAuthMethod,
  AuthenticationType,
  AuthHandlerMiddleware,
  KeyboardInteractiveCallback,
  Prompt,
} from 'ssh2';
import type { SshCredentials, SshKeyboardInteractive } from './ssh-communicator-options';
import type { LoadedPrivateKey } from './ssh-private-key';

/** What `buildAuthHandler` tells the caller about the attempts, for error messages. */
export interface AuthAttempts {
  /** Methods tried, in order, e.g. `publickey (private key file ~/.ssh/id_ed25519)`. */
  readonly tried: string[];
}

/**
 * An ssh2 auth handler trying Packer's order: agent, each private key, password, keyboard-interactive
 * (answered by `keyboardInteractive`, else with the password). Methods the server does not offer are skipped.
 */
export function buildAuthHandler(
  credentials: SshCredentials,
  keys: readonly LoadedPrivateKey[],
  agentSocket: string | undefined,
  attempts: AuthAttempts,
): AuthHandlerMiddleware {
  const { username } = credentials;
  const queue: { method: AnyAuthMethod; label: string }[] = [];
  if (credentials.agentAuth === true && agentSocket !== undefined) {
    queue.push({ method: { type: 'agent', username, agent: agentSocket }, label: 'agent' });
  }
  for (const loaded of keys) {
    queue.push({ method: { type: 'publickey', username, key: loaded.key }, label: `publickey (${loaded.label})` });
  }
  if (credentials.password !== undefined) {
    queue.push({ method: { type: 'password', username, password: credentials.password }, label: 'password' });
  }
  const answer = credentials.keyboardInteractive ?? passwordAnswers(credentials.password);
  if (answer !== undefined) {
    queue.push({
      method: { type: 'keyboard-interactive', username, prompt: promptWith(answer) },
      label: 'keyboard-interactive',
    });
  }
  return (methodsLeft, _partialSuccess, next) => {
    const offered: readonly AuthenticationType[] | null = methodsLeft;
    for (;;) {
      const entry = queue.shift();
      if (entry === undefined) {
        // ssh2 ends authentication when the handler answers `false`; its typings omit that value.
        (next as unknown as (method: false) => void)(false);
        return;
      }
      const type = entry.method.type === 'agent' ? 'publickey' : entry.method.type;
      if (offered !== null && !offered.includes(type)) continue;
      attempts.tried.push(entry.label);
      next(entry.method);
      return;
    }
  };
}

function passwordAnswers(password: string | undefined): SshKeyboardInteractive | undefined {
  if (password === undefined) return undefined;
  return async (prompts) => prompts.map(() => password);
}

function promptWith(answer: SshKeyboardInteractive) {
  return (
    name: string,
    instructions: string,
    _lang: string,
    prompts: Prompt[],
    finish: KeyboardInteractiveCallback,
  ): void => {
    answer(
      prompts.map((p) => ({ prompt: p.prompt, echo: p.echo === true })),
      { name, instructions },
    ).then(
      (answers) => finish([...answers]),
      () => finish([]),
    );
  };
}
