// componentExecute (issue 17; OneSpan COMPONENTCMD_CREATE/VIEW/UPDATE/DELETE): `sessionID`, `cmd` and
// COMPONENTFLD_* attributes → one client use case of src/admin → the component's attributes. A location
// (COMPONENTFLD_LOCATION) is a RADIUS client address or CIDR and needs COMPONENTFLD_SHARED_SECRET on create
// and update; DELETE with a location removes only that RADIUS client. Secrets are never answered.
import { createClient, deleteClient, updateClient, viewClient, type ClientInput, type ClientView } from '../../../admin/client.js';
import type { AdminResult, AdminServices } from '../../../admin/services.js';
import { COMPONENTFLD } from '../codec/admin-fields.js';
import { text, type AdminFields } from '../codec/decode-admin.js';
import type { AdminAttr } from '../codec/encode-admin.js';
import { executeOperation } from './execute.js';

type Command = (svc: AdminServices, f: AdminFields) => Promise<AdminResult<ClientView>>;

const type = (f: AdminFields) => text(f, 'componentType');

function input(f: AdminFields): ClientInput {
  const location = text(f, 'location');
  return { policy: text(f, 'policyId'), radius: location === undefined ? undefined : { address: location, secret: text(f, 'sharedSecret') } };
}

const COMMANDS: Readonly<Record<string, Command>> = {
  CREATE: (svc, f) => createClient(svc, type(f), input(f)),
  VIEW: (svc, f) => viewClient(svc, type(f)),
  UPDATE: (svc, f) => updateClient(svc, type(f), input(f)),
  DELETE: (svc, f) => {
    const location = text(f, 'location');
    return location === undefined ? deleteClient(svc, type(f)) : updateClient(svc, type(f), { removeAddress: location });
  },
};

/** The component as COMPONENTFLD attributes: type, policy, protocol, then one location per RADIUS client. */
export function componentAttributes(c: ClientView): AdminAttr[] {
  return [
    { id: COMPONENTFLD.COMPONENT_TYPE.id, value: c.componentType, type: 'string' },
    { id: COMPONENTFLD.POLICY_ID.id, value: c.policy, type: 'string' },
    { id: COMPONENTFLD.PROTOCOL_ID.id, value: c.radius.length > 0 ? 'RADIUS' : 'SOAP', type: 'string' },
    ...c.radius.map((r): AdminAttr => ({ id: COMPONENTFLD.LOCATION.id, value: r.address, type: 'string' })),
  ];
}

export const componentExecute = executeOperation({
  op: 'componentExecute', family: 'Component', commands: COMMANDS, attributes: componentAttributes,
  required: { field: 'componentType', id: COMPONENTFLD.COMPONENT_TYPE.id },
});
