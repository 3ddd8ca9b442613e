import { describe, expect, it } from 'vitest';
import { EndpointError } from '../errors/endpoint-error';
import { knownRegions, regionOfHost } from './known-regions';
import { resolveEndpoint } from './resolve-endpoint';

const href = (region: string, customEndpoint?: string) => resolveEndpoint({ region, customEndpoint }).url.href;

describe('resolveEndpoint from a region', () => {
  it.each([
    ['eu-west-2', 'https://api.eu-west-2.outscale.com/api/v1/'],
    ['us-east-2', 'https://api.us-east-2.outscale.com/api/v1/'],
    ['us-west-1', 'https://api.us-west-1.outscale.com/api/v1/'],
    ['cloudgouv-eu-west-1', 'https://api.cloudgouv-eu-west-1.outscale.com/api/v1/'],
    ['ap-northeast-1', 'https://api.ap-northeast-1.outscale.com/api/v1/'],
    ['cn-southeast-1', 'https://api.cn-southeast-1.outscale.hk/api/v1/'],
  ])('%s -> %s', (region, expected) => {
    expect(resolveEndpoint({ region })).toEqual({ url: new URL(expected), warnings: [] });
  });

  it('covers every known region', () => {
    for (const region of knownRegions) expect(href(region)).toMatch(/^https:\/\/api\..+\/api\/v1\/$/);
  });

  it('gives a base that operation names resolve against', () => {
    expect(new URL('ReadVms', resolveEndpoint({ region: 'eu-west-2' }).url).href).toBe(
      'https://api.eu-west-2.outscale.com/api/v1/ReadVms',
    );
  });

  it('refuses an unknown region, listing the known ones and how to get past it', () => {
    const error = (() => {
      try {
        return resolveEndpoint({ region: 'mars-north-1' });
      } catch (e) {
        return e;
      }
    })();
    expect(EndpointError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'unknown region "mars-north-1"; known regions: eu-west-2, us-east-2, us-west-1, cloudgouv-eu-west-1, ' +
        'ap-northeast-1, cn-southeast-1. For another region or a private endpoint, set custom_endpoint_oapi ' +
        '(or OSC_ENDPOINT_API) to its URL',
    );
  });

  it.each([
    ['eu-west2', 'did you mean eu-west-2?'],
    ['EU-WEST-2', 'regions are lower case: did you mean eu-west-2?'],
    ['eu-west-2a', 'eu-west-2a looks like a subregion; its region is eu-west-2'],
  ])('hints at the region meant by %s', (region, hint) => {
    expect(() => resolveEndpoint({ region })).toThrow(hint);
  });

  it('uses the given protocol for a derived endpoint', () => {
    expect(resolveEndpoint({ region: 'eu-west-2', protocol: 'http' }).url.href).toBe(
      'http://api.eu-west-2.outscale.com/api/v1/',
    );
  });
});

describe('resolveEndpoint from a custom endpoint', () => {
  it.each([
    ['https://api.eu-west-2.outscale.com/api/v1', 'https://api.eu-west-2.outscale.com/api/v1/'],
    ['https://api.eu-west-2.outscale.com/api/v1/', 'https://api.eu-west-2.outscale.com/api/v1/'],
    ['https://api.eu-west-2.outscale.com', 'https://api.eu-west-2.outscale.com/api/v1/'],
    ['https://gateway.example.internal:8443/osc/api/v1', 'https://gateway.example.internal:8443/osc/api/v1/'],
    ['HTTPS://API.EU-WEST-2.OUTSCALE.COM/api/v1', 'https://api.eu-west-2.outscale.com/api/v1/'],
    ['api.eu-west-2.outscale.com', 'https://api.eu-west-2.outscale.com/api/v1/'],
    ['api.eu-west-2.outscale.com/api/v1', 'https://api.eu-west-2.outscale.com/api/v1/'],
    ['osc.example.internal/api/v1', 'https://osc.example.internal/api/v1/'],
    ['  https://api.us-east-2.outscale.com/api/v1  ', 'https://api.us-east-2.outscale.com/api/v1/'],
  ])('full URLs and scheme-less hosts: %s -> %s', (custom, expected) => {
    expect(resolveEndpoint({ region: 'eu-west-2', customEndpoint: custom })).toEqual({
      url: new URL(expected),
      warnings: [],
    });
  });

  it.each([
    ['http://127.0.0.1:3000/api/v1', 'http://127.0.0.1:3000/api/v1/'],
    ['http://localhost:41234', 'http://localhost:41234/api/v1/'],
    ['http://[::1]:8080/api/v1', 'http://[::1]:8080/api/v1/'],
    ['127.0.0.1:3000/api/v1', 'https://127.0.0.1:3000/api/v1/'],
  ])('loopback (local-cloud): %s -> %s without warnings', (custom, expected) => {
    expect(resolveEndpoint({ region: 'eu-west-2', customEndpoint: custom })).toEqual({
      url: new URL(expected),
      warnings: [],
    });
  });

  it('warns about plain http to a host that is not this machine', () => {
    const { url, warnings } = resolveEndpoint({ region: 'eu-west-2', customEndpoint: 'http://10.0.0.5/api/v1' });
    expect(url.href).toBe('http://10.0.0.5/api/v1/');
    expect(warnings).toEqual([
      'endpoint http://10.0.0.5/api/v1/ uses plain http to a host that is not on this machine: requests and ' +
        'answers (including private keys of temporary keypairs) travel unencrypted',
    ]);
  });

  it('accepts any region with a custom endpoint (a private or new region)', () => {
    expect(href('mars-north-1', 'https://api.mars-north-1.example.com/api/v1')).toBe(
      'https://api.mars-north-1.example.com/api/v1/',
    );
  });

  it('reads the legacy suffix form of the original docs as https://api.<region>.<suffix> on /api/v1', () => {
    const { url, warnings } = resolveEndpoint({ region: 'us-west-1', customEndpoint: 'outscale.com/oapi/latest' });
    expect(url.href).toBe('https://api.us-west-1.outscale.com/api/v1/');
    expect(warnings).toEqual([
      'custom endpoint "outscale.com/oapi/latest" uses the legacy domain-suffix form of the original osc builders ' +
        '(https://api.<region>.<suffix>); using https://api.us-west-1.outscale.com/api/v1/. Write that full URL instead',
    ]);
  });

  it.each([
    ['eu-west-2', 'outscale.com', 'https://api.eu-west-2.outscale.com/api/v1/'],
    ['cn-southeast-1', 'outscale.com/oapi/latest', 'https://api.cn-southeast-1.outscale.hk/api/v1/'],
    ['cn-southeast-1', 'outscale.hk/oapi/latest', 'https://api.cn-southeast-1.outscale.hk/api/v1/'],
    ['eu-west-2', 'outscale.com/api/v1', 'https://api.eu-west-2.outscale.com/api/v1/'],
    ['mars-north-1', 'example.com', 'https://api.mars-north-1.example.com/api/v1/'],
  ])('suffix form in %s: %s -> %s (with a warning)', (region, custom, expected) => {
    const { url, warnings } = resolveEndpoint({ region, customEndpoint: custom });
    expect(url.href).toBe(expected);
    expect(warnings).toHaveLength(1);
  });

  it('maps the retired /oapi/latest path of a full URL to /api/v1 with a warning', () => {
    const { url, warnings } = resolveEndpoint({
      region: 'eu-west-2',
      customEndpoint: 'https://api.eu-west-2.outscale.com/oapi/latest',
    });
    expect(url.href).toBe('https://api.eu-west-2.outscale.com/api/v1/');
    expect(warnings).toEqual([
      'endpoint path "/oapi/latest" of "https://api.eu-west-2.outscale.com/oapi/latest" is the retired OAPI v0 ' +
        'path; using https://api.eu-west-2.outscale.com/api/v1/',
    ]);
  });

  it.each([
    ['ftp://api.eu-west-2.outscale.com/api/v1', 'must be an http:// or https:// URL'],
    ['https://user:pw@api.eu-west-2.outscale.com/api/v1', 'must not contain a user name or password'],
    ['https://api.eu-west-2.outscale.com/api/v1?x=1', 'must not have a query or fragment'],
    ['https://api.eu-west-2.outscale.com/api/v1#top', 'must not have a query or fragment'],
    ['https://', 'is not a valid URL'],
    ['api.eu west.com/api', 'is not a valid URL'],
  ])('refuses %s', (custom, message) => {
    expect(() => resolveEndpoint({ region: 'eu-west-2', customEndpoint: custom })).toThrow(message);
  });

  it('never echoes a password written into the URL', () => {
    expect(() =>
      resolveEndpoint({ region: 'eu-west-2', customEndpoint: 'https://me:hunter22@api.example.com/' }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter22') }));
  });

  it('refuses a region that cannot be part of a host name in the suffix form', () => {
    expect(() => resolveEndpoint({ region: 'eu west', customEndpoint: 'outscale.com' })).toThrow(
      'cannot be part of a host name',
    );
  });
});

describe('regionOfHost', () => {
  it.each([
    ['api.eu-west-2.outscale.com', 'eu-west-2'],
    ['API.cn-southeast-1.outscale.hk', 'cn-southeast-1'],
    ['api.ap-northeast-1.outscale.jp', 'ap-northeast-1'],
    ['fcu.eu-west-2.outscale.com', undefined],
    ['127.0.0.1', undefined],
  ])('%s -> %s', (host, region) => {
    expect(regionOfHost(host)).toBe(region);
  });
});
