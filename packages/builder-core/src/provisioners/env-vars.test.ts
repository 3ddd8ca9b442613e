import { describe, expect, it } from 'vitest';
import { collectEnvVars, envVarIssues, flattenEnvVars, packerEnvVars } from './env-vars';
import { invalidExitCodeMessage } from './exit-codes';
import { cleanOutputLine } from './line-splitter';

describe('provisioner environment variables', () => {
  it("sets Packer's variables, and the HTTP ones only when the build serves HTTP", () => {
    expect(packerEnvVars('bsu', 'osc-bsu', { PackerHTTPAddr: 'ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER' })).toEqual({
      PACKER_BUILD_NAME: 'bsu',
      PACKER_BUILDER_TYPE: 'osc-bsu',
    });
    expect(
      packerEnvVars('bsu', 'osc-bsu', {
        PackerHTTPAddr: '10.0.0.1:8080',
        PackerHTTPIP: '10.0.0.1',
        PackerHTTPPort: 8080,
      }),
    ).toMatchObject({ PACKER_HTTP_ADDR: '10.0.0.1:8080', PACKER_HTTP_IP: '10.0.0.1', PACKER_HTTP_PORT: '8080' });
  });

  it('merges environment_vars then env, and flattens them sorted with quotes escaped', () => {
    const vars = collectEnvVars(
      { PACKER_BUILD_NAME: 'bsu', PACKER_BUILDER_TYPE: 'osc-bsu' },
      ['FOO=bar=baz', "QUOTE=it's", 'EMPTY='],
      { FOO: 'from env' },
    );
    expect(flattenEnvVars(vars, "%s='%s' ")).toBe(
      "EMPTY='' FOO='from env' PACKER_BUILDER_TYPE='osc-bsu' PACKER_BUILD_NAME='bsu' QUOTE='it'\"'\"'s' ",
    );
    expect(flattenEnvVars({ A: '1' }, "export %s='%s'\n")).toBe("export A='1'\n");
  });

  it('rejects environment_vars without a key', () => {
    expect(envVarIssues(['A=1', '=foo', 'foobar'])).toEqual([
      "Environment variable not in format 'key=value': =foo",
      "Environment variable not in format 'key=value': foobar",
    ]);
  });

  it('words invalid exit codes as Packer does', () => {
    expect(invalidExitCodeMessage(0, [0])).toBeUndefined();
    expect(invalidExitCodeMessage(2, [0, 3])).toBe(
      'Script exited with non-zero exit status: 2. Allowed exit codes are: [0 3]',
    );
  });

  it('cleans output lines as Packer does', () => {
    expect(cleanOutputLine('progress 10%\rprogress 100%  \r\n')).toBe('progress 100%');
    expect(cleanOutputLine('  indented  ')).toBe('  indented');
  });
});
