import type { Logger, SecretRegistry, Ui } from '@osc-packer/builder-core';
import { createOapiClient, type OapiClient } from '@osc-packer/oapi-client';
import type { CleanupAccess } from './cleanup-access';

/**
 * One API client per access `cleanup` found, each announced (Region, endpoint, where the credentials came
 * from; never the secret, which is registered with the run's secrets first).
 */
export function openCleanupClients(
  accesses: readonly CleanupAccess[],
  ui: Ui,
  secrets: SecretRegistry,
  log: Logger,
): OapiClient[] {
  return accesses.map(({ access, origin }) => {
    secrets.add(access.credentials.secretKey);
    ui.say(
      `    Region ${access.region}, endpoint ${access.endpoint.href}, credentials from ${access.credentials.source} (${origin})`,
    );
    return createOapiClient({
      endpoint: access.endpoint,
      region: access.region,
      credentials: access.credentials,
      signatureAlgorithm: access.signatureAlgorithm,
      tls: access.tls,
      logger: { debug: (message) => log.debug(message) },
    });
  });
}
