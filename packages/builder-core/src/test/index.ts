/** A key pair for tests, in OpenSSH, PEM or PKCS#8 form. */
export { generateTestKey, type TestKeyPair } from './generate-test-key';
/** A Writable that keeps what is written to it. */
export { collectOutput, type OutputCollector } from './output-collector';
/** A Ui for tests that records output, scripts answers and lets tests wait for events. */
export { RecordingUi, type RecordingUiOptions, type UiEvent } from './recording-ui';
/** A running ssh-agent for agent authentication tests. */
export { type RunningSshAgent, sshAgentSkipReason, startSshAgent } from './start-ssh-agent';
/** An ssh2 server with fault injection (refused auth, slow banners, dropped connections). */
export {
  type Ssh2TestServer,
  type Ssh2TestServerOptions,
  startSsh2TestServer,
  type TestExec,
} from './start-ssh2-test-server';
/** Debian's OpenSSH sshd on a random loopback port, and why it cannot run here. */
export { findFreePort, type RunningSshd, type StartSshdOptions, sshdSkipReason, startSshd } from './start-sshd';
/** An artifact for tests that records its destruction. */
export { TestArtifact } from './test-artifact';
