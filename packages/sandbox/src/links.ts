import type { ClientId, InstanceIntegrationId, UserId, WorkerId } from '@listo/ids';

/** The `links.self` paths Listo puts in events and responses, with the installation substituted. */
export const links = {
  client: (iid: InstanceIntegrationId, clientId: ClientId): string =>
    `/v1/instance-integrations/${iid}/clients/${clientId}`,
  user: (iid: InstanceIntegrationId, clientId: ClientId, userId: UserId): string =>
    `/v1/instance-integrations/${iid}/clients/${clientId}/users/${userId}`,
  worker: (iid: InstanceIntegrationId, clientId: ClientId, workerId: WorkerId): string =>
    `/v2/instance-integrations/${iid}/clients/${clientId}/workers/${workerId}`,
};

/** Replaces the installation segment of a `links.self` path (fixtures carry the guides' `inst_abc123xyz`). */
export function substituteInstallation(path: string, iid: InstanceIntegrationId): string {
  return path.replace(/\/instance-integrations\/[^/]+/, `/instance-integrations/${iid}`);
}
