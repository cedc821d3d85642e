// RADIUS test support: builds Access-Requests as a NAS would (PAP hiding, Message-Authenticator),
// reads answers (checking both authenticators), and a door handler on the demo-seeded engine.
import { createHmac, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { createRadiusHandler, type RadiusDoorOptions, type RadiusHandler } from '../../../src/doors/radius/handler.js';
import { ClientTable } from '../../../src/doors/radius/clients.js';
import { answerAuthentic, hidePassword, signRequest } from '../../../src/doors/radius/crypto.js';
import { ATTR, CODE } from '../../../src/doors/radius/dictionary.js';
import { attributesOf, decodePacket, type OutAttribute, type Packet } from '../../../src/doors/radius/packet.js';
import { applyStatusOverrides } from '../../../src/domain/status.js';
import { demoHarness, type Harness } from '../../support/engine-harness.js';

export const SECRET = 'testing123';
export const NAS = { address: '127.0.0.1', port: 40000 };

export interface RequestSpec {
  user?: string;
  password?: string;
  state?: string;
  secret?: string;
  identifier?: number;
  messageAuthenticator?: boolean;
  extra?: OutAttribute[];
  code?: number;
}

export function accessRequest(spec: RequestSpec): { bytes: Buffer; packet: Packet } {
  const auth = randomBytes(16);
  const secret = Buffer.from(spec.secret ?? SECRET);
  const attrs: OutAttribute[] = [];
  if (spec.user !== undefined) attrs.push({ type: ATTR.USER_NAME, value: Buffer.from(spec.user) });
  if (spec.password !== undefined) attrs.push({ type: ATTR.USER_PASSWORD, value: hidePassword(Buffer.from(spec.password), secret, auth) });
  if (spec.state !== undefined) attrs.push({ type: ATTR.STATE, value: Buffer.from(spec.state) });
  attrs.push(...(spec.extra ?? []));
  const bytes = signRequest(spec.code ?? CODE.ACCESS_REQUEST, spec.identifier ?? 7, auth, attrs, secret, spec.messageAuthenticator ?? true);
  const d = decodePacket(bytes);
  if (!d.ok) throw new Error('test packet did not decode');
  return { bytes, packet: d.packet };
}

export interface Answer { code: number; packet: Packet; message: string; state?: string }

/** Decodes an answer and checks the Response Authenticator and the first-placed Message-Authenticator. */
export function readAnswer(bytes: Buffer | undefined, request: Packet, secret = SECRET): Answer {
  expect(bytes, 'an answer').to.be.instanceOf(Buffer);
  const d = decodePacket(bytes!);
  if (!d.ok) throw new Error(`answer did not decode: ${d.reason}`);
  const key = Buffer.from(secret);
  expect(answerAuthentic(bytes!, request, key), 'Response Authenticator').to.equal(true);
  const first = d.packet.attributes[0];
  expect(first?.type, 'Message-Authenticator first').to.equal(ATTR.MESSAGE_AUTHENTICATOR);
  const copy = Buffer.from(bytes!);
  request.authenticator.copy(copy, 4);
  copy.fill(0, first.offset + 2, first.offset + 18);
  expect(createHmac('md5', key).update(copy).digest().equals(first.value), 'Message-Authenticator value').to.equal(true);
  const message = attributesOf(d.packet, ATTR.REPLY_MESSAGE).map((a) => a.value.toString('utf8')).join('');
  const states = attributesOf(d.packet, ATTR.STATE);
  expect(states.length).to.be.at.most(1);
  return { code: d.packet.code, packet: d.packet, message, state: states[0]?.value.toString('utf8') };
}

export interface DoorHarness { h: Harness; door: RadiusHandler; ask(spec: RequestSpec, from?: typeof NAS): Promise<Answer | undefined> }

export async function doorHarness(clients: unknown[] = [{ address: '127.0.0.1', secret: SECRET }], extra: Partial<RadiusDoorOptions> = {}): Promise<DoorHarness> {
  const h = await demoHarness();
  let n = 0;
  const door = createRadiusHandler({
    engine: h.engine, catalogue: applyStatusOverrides({}), clients: new ClientTable(clients, 'test'), pending: h.store,
    clock: h.clock, random: { bytes: (k) => Buffer.alloc(k, ++n % 256) }, ...extra,
  });
  const ask = async (spec: RequestSpec, from = NAS) => {
    const { bytes, packet } = accessRequest(spec);
    const answer = await door.handle(bytes, from);
    return answer === undefined ? undefined : readAnswer(answer, packet, spec.secret);
  };
  return { h, door, ask };
}
