import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalCloud, startLocalCloud } from '@osc-packer/local-cloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bsuBlock, liveResources, runTestBuild } from './testing/bsu-test-kit';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ timing: 'fast' });
}, 60_000);
afterAll(async () => {
  await cloud?.close();
}, 60_000);

describe('an osc-bsu build against local-cloud with real VMs', () => {
  it('provisions a VM and makes an OMI that, launched again, holds what the provisioners wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osc-bsu-files-'));
    writeFileSync(join(dir, 'hello.txt'), 'hello from a file provisioner\n');
    const started = Date.now();
    const result = await runTestBuild({
      cloud,
      cwd: dir,
      raw: bsuBlock(cloud, {
        tags: { Base: '{{ .SourceOMIName }}', Region: '{{ .BuildRegion }}' },
        run_tags: { Source: '{{ .SourceOMI }}' },
        run_volume_tags: { Build: 'volume of {{ .SourceOMIName }}' },
        omi_description: 'from {{ .SourceOMIName }}',
      }),
      provisioners: [
        {
          type: 'shell',
          config: { inline: ['echo "built from {{ build `SourceOMIName` }}" | sudo tee /etc/osc-built'] },
        },
        { type: 'file', config: { source: 'hello.txt', destination: '/tmp/hello.txt' } },
        { type: 'shell', config: { inline: ['sudo mv /tmp/hello.txt /opt/hello.txt'] } },
      ],
    });
    console.log(result.stdout, result.stderr, Date.now() - started);
    expect(result.error).toBeUndefined();
    expect(result.artifact?.id).toMatch(/^eu-west-2:ami-/);
    const live = liveResources(cloud);
    expect(live?.vms).toEqual([]);
    expect(live?.keypairs).toEqual([]);
    expect(live?.securityGroups).toEqual([]);
    expect(live?.publicIps).toEqual([]);
    expect(live?.volumes).toEqual([]);
  }, 120_000);
});
