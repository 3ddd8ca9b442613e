/** A private key held in memory (e.g. the temporary key pair's) or read from a file when connecting. */
export type SshPrivateKeySource =
  | {
      /** PEM (PKCS#1, PKCS#8, SEC1) or OpenSSH format; RSA, ed25519 or ECDSA. */
      key: string | Uint8Array;
      passphrase?: string;
      /** An OpenSSH user certificate for this key (`ssh-ed25519-cert-v01@openssh.com AAAA...`). */
      certificate?: string | Uint8Array;
    }
  | {
      /** Path of the key file; `~` is not expanded here (the config block does that). */
      file: string;
      passphrase?: string;
      /** Path of an OpenSSH user certificate for this key (`ssh_certificate_file`). */
      certificateFile?: string;
    };

/** One keyboard-interactive prompt sent by the server. */
export interface SshPrompt {
  prompt: string;
  echo: boolean;
}

/** Answers keyboard-interactive prompts (one answer per prompt); rejects to give up this method. */
export type SshKeyboardInteractive = (
  prompts: readonly SshPrompt[],
  context: { name: string; instructions: string },
) => Promise<readonly string[]>;

/** Who to log in as and with what, tried in Packer's order: agent, keys, password, keyboard-interactive. */
export interface SshCredentials {
  username: string;
  password?: string;
  privateKeys?: readonly SshPrivateKeySource[];
  /** Authenticate with the keys of the agent at `agentSocket` (`ssh_agent_auth`). */
  agentAuth?: boolean;
  /**
   * Answers keyboard-interactive prompts. Without it, a `password` answers every prompt (Packer's
   * behaviour for servers that only offer keyboard-interactive).
   */
  keyboardInteractive?: SshKeyboardInteractive;
}

/** A host to reach and how to log in there. */
export interface SshEndpoint extends SshCredentials {
  host: string;
  port: number;
}

/** A SOCKS5 proxy the connection goes through (`ssh_proxy_*`). */
export interface SshProxy {
  host: string;
  port: number;
  username?: string;
  password?: string;
}

/** A port forwarded over the SSH connection while it is up (`ssh_local_tunnels`, `ssh_remote_tunnels`). */
export interface SshTunnel {
  /** `local`: listen here, connect from the remote machine; `remote`: listen there, connect from here. */
  direction: 'local' | 'remote';
  listenHost: string;
  listenPort: number;
  forwardHost: string;
  forwardPort: number;
}

/** Everything `connectSsh` needs; the config block (`ssh_*` keys) maps to this. */
export interface SshCommunicatorOptions extends SshEndpoint {
  /** Connect through this host (`ssh_bastion_*`); the target is reached by a forwarded channel. */
  bastion?: SshEndpoint;
  /** Connect through this SOCKS5 proxy (`ssh_proxy_*`); ignored with a bastion (Packer refuses both). */
  proxy?: SshProxy;
  /** How long to keep trying to connect (`ssh_timeout`); 0 means no limit. */
  timeoutMs: number;
  /** How many authentication failures to accept before giving up (`ssh_handshake_attempts`); 0: no limit. */
  handshakeAttempts?: number;
  /** After the first successful connection, disconnect and wait this long (`pause_before_connecting`). */
  pauseBeforeConnectingMs?: number;
  /** Interval of keep-alive requests (`ssh_keep_alive_interval`, default 5 s); 0 or less disables them. */
  keepAliveIntervalMs?: number;
  /** Drop the connection after this long without any data from the server (`ssh_read_write_timeout`). */
  readWriteTimeoutMs?: number;
  /** Ciphers to offer, in order (`ssh_ciphers`); ssh2's defaults (AES-GCM first) otherwise. */
  ciphers?: readonly string[];
  /** Key exchange algorithms to offer, in order (`ssh_key_exchange_algorithms`). */
  keyExchangeAlgorithms?: readonly string[];
  /** Request a PTY for every command (`ssh_pty`). */
  pty?: boolean;
  /**
   * The local agent's socket (the caller's SSH_AUTH_SOCK; this library never reads the environment). Used
   * for `agentAuth`, and forwarded to the remote side unless `disableAgentForwarding` is set.
   */
  agentSocket?: string;
  /** Do not forward the agent (`ssh_disable_agent_forwarding`). */
  disableAgentForwarding?: boolean;
  /** How files are copied (`ssh_file_transfer_method`): `scp` (default, Packer's) or `sftp`. */
  fileTransferMethod?: 'scp' | 'sftp';
  /** Ports forwarded while connected. */
  tunnels?: readonly SshTunnel[];
  /** Where an SCP upload of a stream of unknown size is spooled to learn its size (default: os.tmpdir()). */
  tempDir?: string;
  /** Accepts or refuses the server's host key; Packer accepts any (the machine is brand new). */
  hostVerifier?: (hostKey: Buffer) => boolean;
  /** Delay between connection attempts: starts at `minMs`, doubles up to `maxMs` (default 500 ms to 5 s). */
  retryDelay?: { minMs: number; maxMs: number };
  /** Debug log lines (never contain secrets). */
  log?: (message: string) => void;
}

/** Default `ssh_keep_alive_interval`. */
export const defaultKeepAliveIntervalMs = 5_000;
/** Default `ssh_handshake_attempts`. */
export const defaultHandshakeAttempts = 10;
/** How long one SSH handshake may take (Packer's is one minute). */
export const handshakeTimeoutMs = 60_000;
