import type { SecretRegistry } from './secret-registry';

/** Where libraries write diagnostics (Packer's `PACKER_LOG`); never the user-facing output. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything. */
export const noopLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** Options of {@link createLineLogger}. */
export interface LineLoggerOptions {
  /** Receives one complete line (with its newline). */
  write: (line: string) => void;
  /** Secrets scrubbed from every line. */
  secrets?: SecretRegistry;
  now?: () => Date;
  /** Lowest level written; default `debug`. */
  level?: 'debug' | 'info' | 'warn' | 'error';
}

const levels = ['debug', 'info', 'warn', 'error'] as const;

/** A logger writing Go-log-style lines (`2026/11/26 22:11:19 [INFO] message`), scrubbed of registered secrets. */
export function createLineLogger(options: LineLoggerOptions): Logger {
  const now = options.now ?? (() => new Date());
  const threshold = levels.indexOf(options.level ?? 'debug');
  const emit = (level: (typeof levels)[number], message: string) => {
    if (levels.indexOf(level) < threshold) return;
    const text = options.secrets ? options.secrets.scrub(message) : message;
    options.write(`${goLogTime(now())} [${level.toUpperCase()}] ${text}\n`);
  };
  return {
    debug: (message) => emit('debug', message),
    info: (message) => emit('info', message),
    warn: (message) => emit('warn', message),
    error: (message) => emit('error', message),
  };
}

function goLogTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}/${pad(date.getMonth() + 1)}/${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}
