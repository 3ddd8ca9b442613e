import { describe, expect, it } from 'vitest';
import { usedOperations } from '../model/used-operations';
import { findOapiSpecPath, loadOapiSpec } from './load-oapi-spec';
import { validateRequest, validateResponse } from './validate-oapi-body';

const specPath = findOapiSpecPath(import.meta.dirname);

describe.skipIf(specPath === undefined)(
  'validateRequest / validateResponse (needs ../shared/oapi/outscale.yaml)',
  () => {
    const spec = loadOapiSpec(specPath);

    it("accepts the spec's own request and response examples of every used operation", () => {
      let checked = 0;
      for (const name of usedOperations) {
        const operation = spec.operations[name];
        for (const [example, body] of Object.entries(operation?.requestExamples ?? {})) {
          expect(validateRequest(spec, name, body), `${name} request ${example}`).toEqual([]);
          checked++;
        }
        for (const [status, examples] of Object.entries(operation?.responseExamples ?? {})) {
          for (const [example, body] of Object.entries(examples)) {
            expect(validateResponse(spec, name, body, Number(status)), `${name} ${status} ${example}`).toEqual([]);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(100);
    });

    it('reports unknown properties, wrong types and missing required fields with JSON paths', () => {
      const body = {
        ImageName: 'x',
        BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Bsu: { VolumeSize: '8' } }],
        Foo: 1,
      };
      expect(validateRequest(spec, 'CreateImage', body)).toEqual([
        '$.BlockDeviceMappings[0].Bsu.VolumeSize: expected integer, got string',
        '$.Foo: unknown property',
      ]);
      expect(validateRequest(spec, 'DeleteImage', {})).toEqual(['$.ImageId: missing required property']);
      expect(validateRequest(spec, 'ReadVms', { Filters: { VmIds: 'i-12345678' } })).toEqual([
        '$.Filters.VmIds: expected array, got string',
      ]);
      expect(validateRequest(spec, 'ReadVms', { ResultsPerPage: 1.5 })).toEqual([
        '$.ResultsPerPage: expected integer, got number 1.5',
      ]);
    });

    it('reports values outside a declared enum', () => {
      expect(validateRequest(spec, 'CreateImage', { VmId: 'i-1', BootModes: ['uefi', 'legacy'] })).toEqual([]);
      expect(validateRequest(spec, 'CreateImage', { VmId: 'i-1', BootModes: ['uefi', 'bios'] })).toEqual([
        '$.BootModes[1]: "bios" is not one of "uefi", "legacy"',
      ]);
      expect(validateRequest(spec, 'CreateVms', { ImageId: 'ami-1', Performance: 'fast' })).toEqual([
        '$.Performance: "fast" is not one of "medium", "high", "highest"',
      ]);
    });

    it('rejects null where the schema is not nullable, and accepts it on the 1.41 nullable fields', () => {
      const vm = { VmId: 'i-12345678', State: null, Tags: [{ Key: 'k', Value: 'v' }] };
      expect(validateResponse(spec, 'ReadVms', { Vms: [vm] })).toEqual(['$.Vms[0].State: null is not allowed']);
      const publicIp = { PublicIpId: 'eipalloc-1', PublicIp: '192.0.2.1', VmId: null, NicId: null, PrivateIp: null };
      expect(validateResponse(spec, 'ReadPublicIps', { PublicIps: [{ ...publicIp, NicAccountId: null }] })).toEqual([]);
      expect(validateResponse(spec, 'ReadPublicIps', { PublicIps: [{ ...publicIp, PublicIpId: null }] })).toEqual([
        '$.PublicIps[0].PublicIpId: null is not allowed',
      ]);
    });

    it('checks date-time strings', () => {
      const image = { ImageId: 'ami-1', CreationDate: 'yesterday' };
      expect(validateResponse(spec, 'ReadImages', { Images: [image] })).toEqual([
        '$.Images[0].CreationDate: "yesterday" is not an ISO 8601 date-time',
      ]);
      const fine = { ...image, CreationDate: '2026-01-02T03:04:05.000Z' };
      expect(validateResponse(spec, 'ReadImages', { Images: [fine] })).toEqual([]);
    });

    it('checks error answers against ErrorResponse, also for statuses the operation does not declare', () => {
      const error = {
        Errors: [{ Code: '5063', Type: 'InvalidResource', Details: '' }],
        ResponseContext: { RequestId: 'r' },
      };
      expect(validateResponse(spec, 'ReadVms', error, 400)).toEqual([]);
      expect(validateResponse(spec, 'ReadVms', error, 429)).toEqual([]);
      expect(validateResponse(spec, 'ReadVms', { Errors: [{ Code: 5063 }] }, 503)).toEqual([
        '$.Errors[0].Code: expected string, got integer 5063',
      ]);
      expect(validateResponse(spec, 'ReadVms', {}, 204)).toEqual(['$: ReadVms declares no response for HTTP 204']);
    });

    it('never quotes a misplaced string back, since it may be a secret', () => {
      const problems = validateResponse(spec, 'CreateKeypair', {
        Keypair: { PrivateKey: 'SECRET', KeypairName: ['x'] },
      });
      expect(problems).toEqual(['$.Keypair.KeypairName: expected string, got array']);
      const request = validateRequest(spec, 'CreateKeypair', { KeypairName: 'k', PublicKey: { k: 'SECRET' } });
      expect(request.join('\n')).not.toContain('SECRET');
    });

    it('throws on an operation the spec does not have', () => {
      expect(() => validateRequest(spec, 'ReadUnicorns', {})).toThrow(/ReadUnicorns is not an operation/);
      expect(() => validateResponse(spec, 'toString', {})).toThrow(/toString is not an operation/);
    });
  },
);
