// Structural comparison (issue 9): what counts as a difference and what is deliberately ignored.
import { expect } from 'chai';
import { compareAnswers, type Answer } from '../../src/record/compare.js';
import { responseInfo } from '../../src/record/soap-info.js';
import { parseXml } from '../../src/record/xml.js';
import { attr, responseXml } from './support.js';

const answer = (xml: string, http = 200): Answer => {
  const tree = parseXml(xml);
  return { http, tree, info: responseInfo(tree) };
};
const OK = { enum: 'STAT_SUCCESS', code: 0 };
const challenge = (key: string) => responseXml('getChallenge', OK, [attr('CREDFLD_CHALLENGE', '12345678'), attr('CREDFLD_CHALLENGE_KEY', key), attr('CREDFLD_SERIAL_NO', 'VDS0000003')]);
const fault = (code: string) => `<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>${code}</faultcode><faultstring>why ${code}</faultstring></S:Fault></S:Body></S:Envelope>`;

describe('replay: structural comparison', () => {
  it('ignores prefixes, xsi:type, whitespace and random values, not their presence', () => {
    const exp = challenge('key-one');
    const act = challenge('key-two').replaceAll('SOAP-ENV:', 'soap:').replace('xmlns:SOAP-ENV', 'xmlns:soap').replace('<results>', '<results xsi:type="X">\n  ');
    expect(compareAnswers(answer(exp), answer(act))).to.deep.equal([]);
    const without = responseXml('getChallenge', OK, [attr('CREDFLD_CHALLENGE', '12345678'), attr('CREDFLD_SERIAL_NO', 'VDS0000003')]);
    expect(compareAnswers(answer(exp), answer(without))).to.deep.equal([{ where: 'resultAttribute CREDFLD_CHALLENGE_KEY', expected: 'present', actual: '(absent)' }]);
  });

  it('compares other attribute values, except values masked in a recording', () => {
    const exp = responseXml('authUser', OK, [attr('CREDFLD_SERIAL_NO', 'VDS0000001'), attr('CREDFLD_STATIC_PASSWORD', '********')]);
    const act = responseXml('authUser', OK, [attr('CREDFLD_SERIAL_NO', 'VDS0000002'), attr('CREDFLD_STATIC_PASSWORD', 'clear')]);
    expect(compareAnswers(answer(exp), answer(act))).to.deep.equal([{ where: 'resultAttribute CREDFLD_SERIAL_NO', expected: '"VDS0000001"', actual: '"VDS0000002"' }]);
    expect(compareAnswers(answer(exp), answer(act), new Set(['CREDFLD_SERIAL_NO']))).to.deep.equal([]);
  });

  it('reports status codes, enum names, error codes and element shapes', () => {
    const exp = responseXml('authUser', { enum: 'STAT_NO_USER', code: 1010 });
    const act = responseXml('authUser', { enum: 'STAT_INVCREDENTIALS', code: 1000 }).replace(/<errorStack>.*<\/errorStack>/, '');
    expect(compareAnswers(answer(exp), answer(act))).to.deep.equal([
      { where: 'resultCodes/statusCodeEnum', expected: 'STAT_NO_USER', actual: 'STAT_INVCREDENTIALS' },
      { where: 'resultCodes/statusCode', expected: '1010', actual: '1000' },
      { where: 'errorStack/errors/errorCode', expected: '1010', actual: '(absent)' },
      { where: 'shape of results', expected: 'resultCodes,resultAttribute,errorStack', actual: 'resultCodes,resultAttribute' },
      { where: 'shape of errorStack', expected: 'errors', actual: '(absent)' },
    ]);
  });

  it('compares Faults by fault code only, and a Fault with a result as one difference', () => {
    expect(compareAnswers(answer(fault('SOAP-ENV:Client'), 500), answer(fault('S:Client'), 500))).to.deep.equal([]);
    expect(compareAnswers(answer(fault('S:Client'), 500), answer(fault('S:Server'), 500)))
      .to.deep.equal([{ where: 'Fault faultcode', expected: 'S:Client', actual: 'S:Server' }]);
    expect(compareAnswers(answer(fault('S:Client'), 500), answer(responseXml('authUser', OK)))).to.deep.equal([
      { where: 'HTTP status', expected: '500', actual: '200' },
      { where: 'answer', expected: 'Fault S:Client', actual: 'STAT_SUCCESS (0)' },
    ]);
  });
});
