// authUser attributes → AuthRequest or InvalidRequest (soap-wire.md §3, §5): business failures are
// HTTP 200 answers with RET_FAILURE, never Faults.
import { expect } from 'chai';
import type { AuthRequest } from '../../../src/domain/request.js';
import type { InvalidRequest } from '../../../src/engine/engine.js';
import { parseEnvelope } from '../../../src/doors/soap/codec/envelope.js';
import { readFields } from '../../../src/doors/soap/codec/fields.js';
import { createSoapHandler } from '../../../src/doors/soap/server.js';
import { attr, authUserXml, catalogue, FakeEngine, janeAttrs, textOf, type Attr } from './helpers.js';

async function send(attrs: Attr[], contentType = 'text/xml', sourceAddress?: string) {
  const engine = new FakeEngine();
  const reply = await createSoapHandler({ engine, catalogue }).handleSoapBody(Buffer.from(authUserXml(attrs)), contentType, { sourceAddress });
  return { engine, reply, request: engine.last };
}

const without = (id: string, attrs = janeAttrs()) => attrs.filter((a) => a.id !== id);
const replaced = (a: Attr, attrs = janeAttrs()) => [...without(a.id, attrs), a];

async function expectRefused(attrs: Attr[], status: 'INVDATA' | 'MISSINGFLD', detail: RegExp) {
  const { reply, request } = await send(attrs);
  expect(reply.status).to.equal(200);
  expect((request as InvalidRequest).invalid).to.equal(status);
  expect((request as InvalidRequest).detail).to.match(detail);
  expect(textOf(reply.body, 'returnCodeEnum')).to.equal('RET_FAILURE');
  expect(textOf(reply.body, 'statusCodeEnum')).to.equal(`STAT_${status}`);
  expect(textOf(reply.body, 'errorDesc')).to.match(detail);
  return reply.body;
}

describe('SOAP door: authUser decoding (soap-wire.md §3, §5)', () => {
  it('maps format 0 to combined and passes the source address and door', async () => {
    const { request } = await send(janeAttrs(), 'text/xml', '192.0.2.7');
    expect(request).to.include({ door: 'soap', sourceAddress: '192.0.2.7', passwordFormat: 'combined', componentType: 'Web Portal' });
  });

  it('maps format 4 and the separate-format attributes', async () => {
    const { request } = await send([
      ...replaced(attr('CREDFLD_PASSWORD_FORMAT', '4', 'xsd:unsignedInt')),
      attr('CREDFLD_STATIC_PASSWORD', 'st@tic'), attr('CREDFLD_DP_RESPONSE', '654321'), attr('CREDFLD_CURRENT_PIN', '1111'),
      attr('CREDFLD_NEW_PIN', '2222'), attr('CREDFLD_CONFIRM_NEW_PIN', '2223'), attr('CREDFLD_SERIAL_NO', 'VDS0000001'),
      attr('CREDFLD_CHALLENGE', '12345678'), attr('CREDFLD_CHALLENGE_KEY', 'k-1'), attr('CREDFLD_DOMAIN', 'master'),
    ]);
    expect(request).to.include({
      passwordFormat: 'separate', staticPassword: 'st@tic', response: '654321', currentPin: '1111', newPin: '2222',
      confirmPin: '2223', serialNo: 'VDS0000001', challenge: '12345678', challengeKey: 'k-1', domain: 'master', password: '123456',
    });
  });

  for (const [value, expected] of [['1', 'optional'], ['optional', 'optional'], ['2', 'required'], ['Required', 'required'], ['0', undefined]] as const) {
    it(`CREDFLD_REQUEST_HOST_CODE "${value}" → ${expected ?? 'not requested'}`, async () => {
      const { request } = await send([...janeAttrs(), attr('CREDFLD_REQUEST_HOST_CODE', value)]);
      expect((request as AuthRequest).requestHostCode).to.equal(expected);
    });
  }

  it('CREDFLD_AUTH_TYPE push (any case) → PUSH', async () => {
    const { request } = await send([...janeAttrs(), attr('CREDFLD_AUTH_TYPE', 'push')]);
    expect((request as AuthRequest).authType).to.equal('PUSH');
  });

  for (const id of ['CREDFLD_COMPONENT_TYPE', 'CREDFLD_USERID', 'CREDFLD_PASSWORD_FORMAT']) {
    it(`missing ${id} → STAT_MISSINGFLD naming it`, async () => {
      const body = await expectRefused(without(id), 'MISSINGFLD', new RegExp(id));
      expect(body).to.contain(`A mandatory attribute is missing (${id})`);
    });
  }

  it('an empty CREDFLD_USERID counts as missing', async () => {
    await expectRefused(replaced(attr('CREDFLD_USERID', '')), 'MISSINGFLD', /CREDFLD_USERID/);
  });

  it('missing attributes are reported before invalid ones', async () => {
    await expectRefused(without('CREDFLD_USERID', replaced(attr('CREDFLD_PASSWORD_FORMAT', '0', 'xsd:int'))), 'MISSINGFLD', /CREDFLD_USERID/);
  });

  for (const type of ['xsd:int', 'xsd:string', 'xsd:long', 'ns2:int']) {
    it(`CREDFLD_PASSWORD_FORMAT typed ${type} → STAT_INVDATA`, async () => {
      await expectRefused(replaced(attr('CREDFLD_PASSWORD_FORMAT', '0', type)), 'INVDATA', /CREDFLD_PASSWORD_FORMAT must be typed xsd:unsignedInt/);
    });
  }

  it('CREDFLD_PASSWORD_FORMAT typed with another prefix for unsignedInt is accepted', async () => {
    const { request } = await send(replaced(attr('CREDFLD_PASSWORD_FORMAT', '4', 'xs:unsignedInt')));
    expect((request as AuthRequest).passwordFormat).to.equal('separate');
  });

  it('CREDFLD_PASSWORD_FORMAT without any xsi:type is accepted (decisions.ts)', async () => {
    const xml = authUserXml(without('CREDFLD_PASSWORD_FORMAT')).replace('</credentialAttributeSet>',
      '<attributes><value>0</value><attributeID>CREDFLD_PASSWORD_FORMAT</attributeID></attributes></credentialAttributeSet>');
    const engine = new FakeEngine();
    await createSoapHandler({ engine, catalogue }).handleSoapBody(Buffer.from(xml), 'text/xml');
    expect((engine.last as AuthRequest).passwordFormat).to.equal('combined');
  });

  for (const value of ['1', '2', '3', '5', '-1', 'abc', '0x0']) {
    it(`CREDFLD_PASSWORD_FORMAT ${value} → STAT_INVDATA`, async () => {
      await expectRefused(replaced(attr('CREDFLD_PASSWORD_FORMAT', value, 'xsd:unsignedInt')), 'INVDATA', /must be 0 \(combined\) or 4 \(separate\)/);
    });
  }

  it('CREDFLD_USERID of 255 characters is accepted, 256 is STAT_INVDATA', async () => {
    const { request } = await send(replaced(attr('CREDFLD_USERID', 'u'.repeat(255))));
    expect((request as AuthRequest).userId).to.have.length(255);
    await expectRefused(replaced(attr('CREDFLD_USERID', 'u'.repeat(256))), 'INVDATA', /CREDFLD_USERID is longer than 255 characters/);
  });

  it('an over-long password is STAT_INVDATA and the message never quotes it', async () => {
    const secret = `S3cret${'x'.repeat(2000)}`;
    const body = await expectRefused(janeAttrs(secret), 'INVDATA', /CREDFLD_PASSWORD is longer than 1024 characters/);
    expect(body).to.not.contain('S3cret');
  });

  it('an invalid request still reports the user ID it was given', async () => {
    const body = await expectRefused(replaced(attr('CREDFLD_PASSWORD_FORMAT', '9', 'xsd:unsignedInt')), 'INVDATA', /PASSWORD_FORMAT/);
    expect(body).to.contain('<value xsi:type="xsd:string">jane.doe</value><attributeID>CREDFLD_USERID</attributeID>');
  });

  it('an unknown host-code word, an unknown auth type and a nested value are STAT_INVDATA', async () => {
    await expectRefused([...janeAttrs(), attr('CREDFLD_REQUEST_HOST_CODE', 'maybe')], 'INVDATA', /CREDFLD_REQUEST_HOST_CODE/);
    await expectRefused([...janeAttrs(), attr('CREDFLD_AUTH_TYPE', 'SMOKE')], 'INVDATA', /CREDFLD_AUTH_TYPE must be one of PUSH, SCAN/);
    await expectRefused([...janeAttrs(), attr('CREDFLD_DOMAIN', '<x>master</x>')], 'INVDATA', /CREDFLD_DOMAIN must be a simple value/);
  });

  it('a text attribute typed as an array is STAT_INVDATA', async () => {
    await expectRefused(replaced(attr('CREDFLD_USERID', 'jane.doe', 'SOAP-ENC:Array')), 'INVDATA', /CREDFLD_USERID must be typed xsd:string/);
  });

  it('the first occurrence of a repeated attribute counts', async () => {
    const { request } = await send([attr('CREDFLD_USERID', 'first'), ...janeAttrs()]);
    expect((request as AuthRequest).userId).to.equal('first');
  });

  it('an ISO-8859-1 body (declared by Content-Type or XML declaration) is decoded', async () => {
    for (const [bytes, type] of [
      [Buffer.from(authUserXml(replaced(attr('CREDFLD_USERID', 'jos\u00e9'))), 'latin1'), 'text/xml; charset=ISO-8859-1'],
      [Buffer.from(`<?xml version="1.0" encoding="iso-8859-1"?>${authUserXml(replaced(attr('CREDFLD_USERID', 'jos\u00e9')))}`, 'latin1'), 'text/xml'],
    ] as const) {
      const engine = new FakeEngine();
      const reply = await createSoapHandler({ engine, catalogue }).handleSoapBody(bytes, type);
      expect(reply.status).to.equal(200);
      expect((engine.last as AuthRequest).userId).to.equal('jos\u00e9');
      expect(reply.body).to.contain('jos\u00e9');
    }
  });

  it('both spellings of the static password confirmation fill one field', () => {
    for (const id of ['CREDFLD_CONFIRM_STATIC_PASSWORD', 'CREDFLD_CONFIRM_NEW_STATIC_PASSWORD']) {
      const xml = authUserXml([attr(id, 'n3w')]);
      const { values } = readFields(parseEnvelope(xml, () => ({ container: 'credentialAttributeSet' })).attributes);
      expect(values.confirmStaticPassword).to.equal('n3w');
    }
  });
});
