// What one SOAP operation is (soap-wire.md §4): the Body element it answers, the attribute set it
// requires, and a handler from the parsed request to a response envelope. One file per operation,
// collected in ./index.ts; the server dispatches on the Body element's local name only.
import type { AdminServices } from '../../../admin/services.js';
import type { StatusCatalogue } from '../../../domain/status.js';
import type { AuthEngine } from '../../../engine/engine.js';
import type { RequestNote } from '../../../runtime/request-log.js';
import type { OperationShape, SoapRequest } from '../codec/envelope.js';

export interface OperationContext {
  readonly engine: AuthEngine;
  readonly catalogue: StatusCatalogue;
  /** The client's address, as the socket saw it. */
  readonly sourceAddress?: string;
  /** Store, clock, randomness and hasher of the administration operations; absent = not wired. */
  readonly admin?: AdminServices;
  /** Where the operation notes how it ended (status, user, serial) for the request log; absent in golden runs. */
  readonly note?: RequestNote;
  /** Tells the door the call is held for a device's answer (push): its place among active requests goes. */
  readonly held?: () => void;
}

export interface OperationHandler extends OperationShape {
  /** Local name of the Body's first child element (`authUser`). */
  readonly name: string;
  /** Builds the response envelope; business failures are answers, only defects throw. */
  handle(request: SoapRequest, ctx: OperationContext): Promise<string>;
}

export type OperationRegistry = ReadonlyMap<string, OperationHandler>;

export function operationRegistry(handlers: readonly OperationHandler[]): OperationRegistry {
  const map = new Map<string, OperationHandler>();
  for (const h of handlers) {
    if (map.has(h.name)) throw new Error(`SOAP operation ${h.name} registered twice`);
    map.set(h.name, h);
  }
  return map;
}
