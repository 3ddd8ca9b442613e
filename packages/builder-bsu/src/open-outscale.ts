import type { BuildContext } from '@osc-packer/builder-core';
import { createOapiClient, type OapiClient } from '@osc-packer/oapi-client';
import { type ResolvedAccess, resolveAccess } from '@osc-packer/osc-auth';
import { accessInput } from '@osc-packer/osc-steps';
import type { BsuBuilderOptions } from './bsu-builder-options';
import type { BsuBuildInput } from './prepare-bsu-build';

/** The build's access and a way to open clients on it. */
export interface OutscaleAccess {
  access: ResolvedAccess;
  openClient: () => OapiClient;
}

/**
 * Resolves the build's credentials, Region and endpoint (osc-auth: template, profile, environment,
 * metadata), registers the secret key (and a client certificate's key) with the build's secrets, prints
 * where the build goes and where each part came from (never the secret), and returns a factory of clients.
 */
export async function openOutscale(
  context: BuildContext,
  input: BsuBuildInput,
  options: BsuBuilderOptions,
): Promise<OutscaleAccess> {
  const access = await resolveAccess(accessInput(input.config), {
    ...options.accessWorld,
    env: input.env,
    signal: context.signal,
  });
  // The client certificate's private key too: scrubbed wherever a message or log line could quote it.
  const tlsKey = access.tls.key === undefined ? undefined : access.tls.key.toString();
  context.secrets.add(access.credentials.secretKey, tlsKey);
  for (const warning of access.warnings) context.ui.error(`Warning: ${warning}`);
  const from = (source: string) => (/^(from|derived|default)/.test(source) ? source : `from ${source}`);
  context.ui.say(
    `Using Region ${access.region} ${from(access.regionSource)}; endpoint ${access.endpoint.href} ${from(access.endpointSource)}; credentials from ${access.credentials.source}`,
  );
  const openClient = () =>
    createOapiClient({
      ...options.clientOptions,
      endpoint: access.endpoint,
      region: access.region,
      credentials: access.credentials,
      signatureAlgorithm: access.signatureAlgorithm,
      tls: access.tls,
    });
  return { access, openClient };
}
