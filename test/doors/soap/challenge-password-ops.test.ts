// getChallenge and updatePassword on the SOAP door (soap-wire.md §4, §5): attributes → engine
// requests, missing or invalid attributes → business failures (never Faults), and the answer shapes.
import { expect } from 'chai';
import type { AuthOutcome, ChallengeRequest, PasswordChangeRequest } from '../../../src/domain/request.js';
import type { InvalidRequest } from '../../../src/engine/engine.js';
import { createSoapHandler } from '../../../src/doors/soap/server.js';
import { attr, authUserXml, catalogue, FakeEngine, resultIds, textOf, type Attr } from './helpers.js';

const opXml = (op: string, attrs: Attr[]) => authUserXml(attrs).replaceAll('aut:authUser', `aut:${op}`);

async function send(op: string, attrs: Attr[], answer?: (r: unknown) => AuthOutcome) {
  const engine = answer ? new FakeEngine(answer as never) : new FakeEngine();
  const reply = await createSoapHandler({ engine, catalogue }).handleSoapBody(Buffer.from(opXml(op, attrs)), 'text/xml', { sourceAddress: '192.0.2.9' });
  return { reply, request: engine.last as unknown };
}

const CT = attr('CREDFLD_COMPONENT_TYPE', 'SOAP Auth Client');
const ALICE = [CT, attr('CREDFLD_USERID', 'alice.static'), attr('CREDFLD_STATIC_PASSWORD', 'Old-1'),
  attr('CREDFLD_NEW_STATIC_PASSWORD', 'New-1'), attr('CREDFLD_CONFIRM_STATIC_PASSWORD', 'New-1')];
const without = (id: string, attrs = ALICE) => attrs.filter((a) => a.id !== id);

describe('SOAP door: getChallenge', () => {
  it('passes component type, user, domain and serial, with the door and source address', async () => {
    const { request } = await send('getChallenge', [CT, attr('CREDFLD_USERID', 'bob.ocra'), attr('CREDFLD_DOMAIN', 'master'), attr('CREDFLD_SERIAL_NO', 'VDS0000003')]);
    expect(request as ChallengeRequest).to.deep.equal({
      door: 'soap', sourceAddress: '192.0.2.9', componentType: 'SOAP Auth Client', userId: 'bob.ocra', domain: 'master', serialNo: 'VDS0000003',
    });
  });

  it('a general challenge needs only the component type; an empty user ID is no user', async () => {
    const { request } = await send('getChallenge', [CT, attr('CREDFLD_USERID', '')]);
    expect(request as ChallengeRequest).to.include({ componentType: 'SOAP Auth Client', userId: undefined });
  });

  it('missing component type → STAT_MISSINGFLD; an oversized user ID → STAT_INVDATA; both answered, not Faults', async () => {
    const missing = await send('getChallenge', [attr('CREDFLD_USERID', 'bob.ocra')]);
    expect((missing.request as InvalidRequest)).to.include({ invalid: 'MISSINGFLD', detail: 'CREDFLD_COMPONENT_TYPE', userId: 'bob.ocra' });
    expect(missing.reply.status).to.equal(200);
    expect(missing.reply.body).to.contain('<AUTH-TYPES:getChallengeResponse><results ');
    expect(textOf(missing.reply.body, 'statusCodeEnum')).to.equal('STAT_MISSINGFLD');
    const long = await send('getChallenge', [CT, attr('CREDFLD_USERID', 'u'.repeat(256))]);
    expect((long.request as InvalidRequest)).to.include({ invalid: 'INVDATA', detail: 'CREDFLD_USERID is longer than 255 characters' });
    const serial = await send('getChallenge', [CT, attr('CREDFLD_SERIAL_NO', 'S'.repeat(65))]);
    expect((serial.request as InvalidRequest).invalid).to.equal('INVDATA');
  });

  it('answers the challenge, its key, message and serial; a general challenge carries no domain', async () => {
    const issued = { status: 'SUCCESS', reported: 'SUCCESS', challenge: '00112233', challengeKey: 'K', challengeMessage: 'M', domain: 'master' } as const;
    const general = await send('getChallenge', [CT], () => issued);
    expect(resultIds(general.reply.body)).to.deep.equal(['CREDFLD_CHALLENGE', 'CREDFLD_CHALLENGE_KEY', 'CREDFLD_CHALLENGE_MESSAGE']);
    expect(textOf(general.reply.body, 'returnCodeEnum')).to.equal('RET_SUCCESS');
    expect(general.reply.body).to.contain('<errorStack xsi:type="BASIC-TYPES:ErrorStack"/>').and.not.contain('authUserResults');
    const user = await send('getChallenge', [CT, attr('CREDFLD_USERID', 'bob.ocra')], () => ({ ...issued, userId: 'bob.ocra', serialNo: 'VDS0000003' }));
    expect(resultIds(user.reply.body)).to.deep.equal([
      'CREDFLD_USERID', 'CREDFLD_DOMAIN', 'CREDFLD_SERIAL_NO', 'CREDFLD_CHALLENGE', 'CREDFLD_CHALLENGE_KEY', 'CREDFLD_CHALLENGE_MESSAGE',
    ]);
  });

  it('a refusal carries no challenge attributes, only the user and the status message', async () => {
    const refused = await send('getChallenge', [CT, attr('CREDFLD_USERID', 'jane.doe')], () => ({
      status: 'NO_DIGIPASS', reported: 'NO_DIGIPASS', userId: 'jane.doe', domain: 'master', challenge: 'x', challengeKey: 'y',
    }));
    expect(resultIds(refused.reply.body)).to.deep.equal(['CREDFLD_USERID', 'CREDFLD_STATUS_MESSAGE']);
    expect(textOf(refused.reply.body, 'returnCodeEnum')).to.equal('RET_FAILURE');
  });
});

describe('SOAP door: updatePassword', () => {
  it('passes the current, new and confirmed static passwords', async () => {
    const { request } = await send('updatePassword', [...ALICE, attr('CREDFLD_DOMAIN', 'master')]);
    expect(request as PasswordChangeRequest).to.deep.equal({
      door: 'soap', sourceAddress: '192.0.2.9', componentType: 'SOAP Auth Client', userId: 'alice.static', domain: 'master',
      staticPassword: 'Old-1', newStaticPassword: 'New-1', confirmStaticPassword: 'New-1',
    });
  });

  it('accepts CREDFLD_CONFIRM_NEW_STATIC_PASSWORD, and CREDFLD_PASSWORD as the current password', async () => {
    const spelled = await send('updatePassword', [...without('CREDFLD_CONFIRM_STATIC_PASSWORD'), attr('CREDFLD_CONFIRM_NEW_STATIC_PASSWORD', 'New-2')]);
    expect(spelled.request as PasswordChangeRequest).to.include({ confirmStaticPassword: 'New-2' });
    const guide = await send('updatePassword', [...without('CREDFLD_STATIC_PASSWORD'), attr('CREDFLD_PASSWORD', 'Old-2')]);
    expect(guide.request as PasswordChangeRequest).to.include({ staticPassword: 'Old-2' });
    const both = await send('updatePassword', [attr('CREDFLD_PASSWORD', 'other'), ...ALICE]);
    expect(both.request as PasswordChangeRequest).to.include({ staticPassword: 'Old-1' });
  });

  for (const id of ['CREDFLD_COMPONENT_TYPE', 'CREDFLD_USERID', 'CREDFLD_STATIC_PASSWORD', 'CREDFLD_NEW_STATIC_PASSWORD', 'CREDFLD_CONFIRM_STATIC_PASSWORD']) {
    it(`missing ${id} → STAT_MISSINGFLD naming it`, async () => {
      const { reply, request } = await send('updatePassword', without(id));
      expect(request as InvalidRequest).to.include({ invalid: 'MISSINGFLD', detail: id });
      expect(reply.status).to.equal(200);
      expect(reply.body).to.contain('<AUTH-TYPES:updatePasswordResponse><results ');
      expect(textOf(reply.body, 'statusCodeEnum')).to.equal('STAT_MISSINGFLD');
    });
  }

  it('an empty new password is a missing one; an oversized one is STAT_INVDATA and never echoed', async () => {
    const empty = await send('updatePassword', [...without('CREDFLD_NEW_STATIC_PASSWORD'), attr('CREDFLD_NEW_STATIC_PASSWORD', '')]);
    expect(empty.request as InvalidRequest).to.include({ invalid: 'MISSINGFLD', detail: 'CREDFLD_NEW_STATIC_PASSWORD' });
    const huge = 'p'.repeat(1025);
    const long = await send('updatePassword', [...without('CREDFLD_NEW_STATIC_PASSWORD'), attr('CREDFLD_NEW_STATIC_PASSWORD', huge)]);
    expect(long.request as InvalidRequest).to.include({ invalid: 'INVDATA', detail: 'CREDFLD_NEW_STATIC_PASSWORD is longer than 1024 characters' });
    expect(long.reply.body).to.not.contain(huge);
  });

  it('answers USERID and DOMAIN on success, the status message on failure', async () => {
    const ok = await send('updatePassword', ALICE);
    expect(resultIds(ok.reply.body)).to.deep.equal(['CREDFLD_USERID', 'CREDFLD_DOMAIN']);
    const wrong = await send('updatePassword', ALICE, () => ({ status: 'LOCAL_PASSWORD_MISMATCH', reported: 'LOCAL_PASSWORD_MISMATCH', userId: 'alice.static', domain: 'master' }));
    expect(resultIds(wrong.reply.body)).to.deep.equal(['CREDFLD_USERID', 'CREDFLD_STATUS_MESSAGE']);
    expect(textOf(wrong.reply.body, 'statusCode')).to.equal('1012');
  });
});
