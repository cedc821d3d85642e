// The WSDL with a real SOAP toolkit (soap-wire.md §1): the `soap` npm client loads it (over HTTP and
// from the file, imports included) and its authUser call, values typed with xsi:type, is accepted.
import { expect } from 'chai';
import type { Server } from 'node:http';
import { join } from 'node:path';
import * as soap from 'soap';
import type { AuthOutcome, AuthRequest, ChallengeRequest, PasswordChangeRequest } from '../../../src/domain/request.js';
import type { InvalidRequest } from '../../../src/engine/engine.js';
import { close, FakeEngine, listen, WSDL_DIR } from './helpers.js';

/**
 * The element is called `attributes`, which is the client's default key for XML attributes: rename
 * that key. Values then read `{ $attributes: { 'xsi:type': … }, $value }`, in requests and results.
 */
const OPTIONS = { attributesKey: '$attributes' };

const typed = (value: string, type: string, attributeID: string) =>
  ({ value: { $value: value, $attributes: { 'xsi:type': type } }, attributeID });

const JANE = {
  credentialAttributeSet: {
    attributes: [
      typed('Web Portal', 'xsd:string', 'CREDFLD_COMPONENT_TYPE'),
      typed('jane.doe', 'xsd:string', 'CREDFLD_USERID'),
      typed('0', 'xsd:unsignedInt', 'CREDFLD_PASSWORD_FORMAT'),
      typed('123456', 'xsd:string', 'CREDFLD_PASSWORD'),
    ],
  },
};

describe('SOAP door: the soap npm client against our WSDL', () => {
  let engine: FakeEngine;
  let server: Server;
  let url: string;
  beforeEach(async () => { engine = new FakeEngine(); ({ server, url } = await listen(engine)); });
  afterEach(() => close(server));

  it('loads the WSDL over HTTP, XSD imports included, and finds authUser, getChallenge and updatePassword', async () => {
    const client = await soap.createClientAsync(`${url}/?wsdl`, OPTIONS);
    const ops = client.describe().Authentication.AuthenticationPort;
    expect(Object.keys(ops)).to.include.members(['authUser', 'getChallenge', 'updatePassword']);
    for (const op of ['authUser', 'getChallenge', 'updatePassword']) expect(JSON.stringify(ops[op].input)).to.contain('credentialAttributeSet');
    expect(JSON.stringify(ops.getChallenge.output)).to.contain('results').and.not.contain('authUserResults');
  });

  it('loads the WSDL file from disk with its relative imports', async () => {
    const client = await soap.createClientAsync(join(WSDL_DIR, 'Authentication.wsdl'), OPTIONS);
    expect(JSON.stringify(client.describe())).to.contain('attributeID');
  });

  it('authUser through the client reaches the engine and the answer parses', async () => {
    const client = await soap.createClientAsync(`${url}/?wsdl`, OPTIONS);
    const [result, rawResponse, , rawRequest] = await client.authUserAsync(JANE);
    expect(rawRequest).to.contain('xsi:type="xsd:unsignedInt"');
    const r = engine.last as AuthRequest;
    expect([r.componentType, r.userId, r.passwordFormat, r.password]).to.deep.equal(['Web Portal', 'jane.doe', 'combined', '123456']);
    expect(rawResponse).to.contain('RET_SUCCESS');
    const results = result.authUserResults.results;
    expect(results.resultCodes.returnCodeEnum.$value).to.equal('RET_SUCCESS');
    expect(results.resultCodes.statusCode.$value).to.equal(0);
    const ids = [results.resultAttribute.attributes].flat().map((a: { attributeID: string }) => a.attributeID);
    expect(ids).to.deep.equal(['CREDFLD_USERID', 'CREDFLD_DOMAIN']);
  });

  it('a business failure comes back as a result, not a SOAP error', async () => {
    const client = await soap.createClientAsync(`${url}/?wsdl`, OPTIONS);
    const wrong = structuredClone(JANE);
    wrong.credentialAttributeSet.attributes[2] = typed('0', 'xsd:int', 'CREDFLD_PASSWORD_FORMAT');
    const [result] = await client.authUserAsync(wrong);
    expect(result.authUserResults.results.resultCodes.statusCodeEnum.$value).to.equal('STAT_INVDATA');
    const errors = [result.authUserResults.results.errorStack.errors].flat();
    expect(errors.map((e: { errorCode: { $value: number } }) => e.errorCode.$value)).to.deep.equal([-15]);
  });

  it('getChallenge through the client: the engine gets a ChallengeRequest, the challenge attributes parse', async () => {
    const challenged: AuthOutcome = {
      status: 'SUCCESS', reported: 'SUCCESS', userId: 'bob.ocra', domain: 'master', serialNo: 'VDS0000003',
      challenge: '12345678', challengeKey: 'AAECAwQFBgcICQoLDA0ODw', challengeMessage: 'Enter challenge 12345678',
    };
    await close(server);
    engine = new FakeEngine(() => challenged);
    ({ server, url } = await listen(engine));
    const client = await soap.createClientAsync(`${url}/?wsdl`, OPTIONS);
    const [result] = await client.getChallengeAsync({ credentialAttributeSet: { attributes: [
      typed('SOAP Auth Client', 'xsd:string', 'CREDFLD_COMPONENT_TYPE'), typed('bob.ocra', 'xsd:string', 'CREDFLD_USERID'),
    ] } });
    expect(engine.last as unknown as ChallengeRequest).to.deep.include({ componentType: 'SOAP Auth Client', userId: 'bob.ocra', door: 'soap' });
    expect(result.results.resultCodes.returnCodeEnum.$value).to.equal('RET_SUCCESS');
    const attrs = Object.fromEntries([result.results.resultAttribute.attributes].flat()
      .map((a: { attributeID: string; value: { $value: string } }) => [a.attributeID, a.value.$value]));
    expect(attrs).to.deep.equal({
      CREDFLD_USERID: 'bob.ocra', CREDFLD_DOMAIN: 'master', CREDFLD_SERIAL_NO: 'VDS0000003', CREDFLD_CHALLENGE: '12345678',
      CREDFLD_CHALLENGE_KEY: 'AAECAwQFBgcICQoLDA0ODw', CREDFLD_CHALLENGE_MESSAGE: 'Enter challenge 12345678',
    });
  });

  it('updatePassword through the client: both confirmation spellings reach the engine', async () => {
    const client = await soap.createClientAsync(`${url}/?wsdl`, OPTIONS);
    for (const confirmId of ['CREDFLD_CONFIRM_STATIC_PASSWORD', 'CREDFLD_CONFIRM_NEW_STATIC_PASSWORD']) {
      const [result] = await client.updatePasswordAsync({ credentialAttributeSet: { attributes: [
        typed('SOAP Auth Client', 'xsd:string', 'CREDFLD_COMPONENT_TYPE'), typed('alice.static', 'xsd:string', 'CREDFLD_USERID'),
        typed('Old-Passw0rd', 'xsd:string', 'CREDFLD_STATIC_PASSWORD'), typed('New-Passw0rd', 'xsd:string', 'CREDFLD_NEW_STATIC_PASSWORD'),
        typed('New-Passw0rd', 'xsd:string', confirmId),
      ] } });
      expect(engine.last as unknown as PasswordChangeRequest).to.deep.include({
        userId: 'alice.static', staticPassword: 'Old-Passw0rd', newStaticPassword: 'New-Passw0rd', confirmStaticPassword: 'New-Passw0rd',
      });
      expect(result.results.resultCodes.statusCodeEnum.$value).to.equal('STAT_SUCCESS');
    }
    const [missing] = await client.updatePasswordAsync({ credentialAttributeSet: { attributes: [
      typed('SOAP Auth Client', 'xsd:string', 'CREDFLD_COMPONENT_TYPE'), typed('alice.static', 'xsd:string', 'CREDFLD_USERID'),
      typed('Old-Passw0rd', 'xsd:string', 'CREDFLD_STATIC_PASSWORD'), typed('New-Passw0rd', 'xsd:string', 'CREDFLD_NEW_STATIC_PASSWORD'),
    ] } });
    expect((engine.last as InvalidRequest).invalid).to.equal('MISSINGFLD');
    expect(missing.results.resultCodes.statusCodeEnum.$value).to.equal('STAT_MISSINGFLD');
  });
});
