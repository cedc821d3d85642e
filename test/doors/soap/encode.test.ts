// Response encoding (soap-wire.md §4): the recorded real failure byte for byte, the success shape,
// typed empty containers, generic masking, escaping of hostile values, Faults.
import { expect } from 'chai';
import { XMLValidator } from 'fast-xml-parser';
import type { AuthOutcome } from '../../../src/domain/request.js';
import { applyStatusOverrides } from '../../../src/domain/status.js';
import { CREDFLD } from '../../../src/doors/soap/codec/credfld.js';
import { encodeAuthUserResponse, encodeFault, encodeResults } from '../../../src/doors/soap/codec/encode.js';
import { parseXml } from '../../../src/doors/soap/codec/tree.js';
import { catalogue, resultIds, textOf } from './helpers.js';

/** soap-wire.md §4, plus CREDFLD_STATUS_MESSAGE, which status-codes.md requires on every failure. */
const SPEC_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:BASIC-TYPES="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/BasicTypes.xsd"
    xmlns:CREDENTIAL-TYPES="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/CredentialTypes.xsd"
    xmlns:AUTH-TYPES="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Authentication">
  <SOAP-ENV:Body>
    <AUTH-TYPES:authUserResponse>
      <authUserResults xsi:type="AUTH-TYPES:AuthUserResults">
        <results xsi:type="CREDENTIAL-TYPES:CredentialResults">
          <resultCodes xsi:type="BASIC-TYPES:ResultCodes">
            <returnCodeEnum xsi:type="BASIC-TYPES:ReturnCodeEnum">RET_FAILURE</returnCodeEnum>
            <statusCodeEnum xsi:type="BASIC-TYPES:StatusCodeEnum">STAT_NOT_FOUND</statusCodeEnum>
            <returnCode xsi:type="xsd:int">-1</returnCode>
            <statusCode xsi:type="xsd:int">-13</statusCode>
          </resultCodes>
          <resultAttribute xsi:type="CREDENTIAL-TYPES:CredentialAttributeSet">
            <attributes xsi:type="CREDENTIAL-TYPES:CredentialAttribute">
              <value xsi:type="xsd:string">jane.doe</value>
              <attributeID>CREDFLD_USERID</attributeID>
            </attributes>
            <attributes xsi:type="CREDENTIAL-TYPES:CredentialAttribute">
              <value xsi:type="xsd:string">The requested item could not be found (...)</value>
              <attributeID>CREDFLD_STATUS_MESSAGE</attributeID>
            </attributes>
          </resultAttribute>
          <errorStack xsi:type="BASIC-TYPES:ErrorStack">
            <errors xsi:type="BASIC-TYPES:Error">
              <errorCode xsi:type="xsd:int">-13</errorCode>
              <errorDesc xsi:type="xsd:string">The requested item could not be found (...)</errorDesc>
            </errors>
          </errorStack>
        </results>
      </authUserResults>
    </AUTH-TYPES:authUserResponse>
  </SOAP-ENV:Body>
</SOAP-ENV:Envelope>`;

/** The example without indentation: line breaks between elements removed, attribute runs single-spaced. */
const compact = (xml: string): string => xml.replace(/>\s+</g, '><').replace(/\n\s+/g, ' ').replace('?><', '?>\n<');

const failure = (o: Partial<AuthOutcome>): AuthOutcome => ({ status: 'NOT_FOUND', reported: 'NOT_FOUND', ...o });

describe('SOAP door: response encoding (soap-wire.md §4)', () => {
  it('reproduces the recorded STAT_NOT_FOUND answer for jane.doe byte for byte', () => {
    const xml = encodeAuthUserResponse(failure({ userId: 'jane.doe', detail: '...' }), catalogue);
    expect(xml).to.equal(compact(SPEC_EXAMPLE));
  });

  it('uses the catalogue row as is when the engine gave no detail', () => {
    const xml = encodeAuthUserResponse(failure({ userId: 'jane.doe' }), catalogue);
    expect(textOf(xml, 'errorDesc')).to.equal('The requested item could not be found.');
  });

  it('a success has no status message and an empty typed errorStack', () => {
    const xml = encodeAuthUserResponse({ status: 'SUCCESS', reported: 'SUCCESS', userId: 'jane.doe', domain: 'master', serialNo: 'VDS0000001', hostCode: '9876' }, catalogue);
    expect(resultIds(xml)).to.deep.equal(['CREDFLD_USERID', 'CREDFLD_DOMAIN', 'CREDFLD_SERIAL_NO', 'CREDFLD_HOST_CODE']);
    expect(xml).to.contain('<resultCodes xsi:type="BASIC-TYPES:ResultCodes"><returnCodeEnum xsi:type="BASIC-TYPES:ReturnCodeEnum">RET_SUCCESS</returnCodeEnum>'
      + '<statusCodeEnum xsi:type="BASIC-TYPES:StatusCodeEnum">STAT_SUCCESS</statusCodeEnum><returnCode xsi:type="xsd:int">0</returnCode>'
      + '<statusCode xsi:type="xsd:int">0</statusCode></resultCodes>');
    expect(xml).to.contain('</resultAttribute><errorStack xsi:type="BASIC-TYPES:ErrorStack"/></results></authUserResults></AUTH-TYPES:authUserResponse>');
    expect(xml).to.not.contain('CREDFLD_STATUS_MESSAGE');
  });

  it('a static-password success carries no serial number', () => {
    const xml = encodeAuthUserResponse({ status: 'SUCCESS', reported: 'SUCCESS', userId: 'jane.doe', domain: 'master' }, catalogue);
    expect(resultIds(xml)).to.deep.equal(['CREDFLD_USERID', 'CREDFLD_DOMAIN']);
  });

  it('STAT_CHALLENGE returns the challenge attributes and a status message', () => {
    const xml = encodeAuthUserResponse({ status: 'CHALLENGE', reported: 'CHALLENGE', userId: 'jane.doe', domain: 'master', challenge: '4711', challengeKey: 'ck-1', challengeMessage: 'Enter 4711' }, catalogue);
    expect(resultIds(xml)).to.deep.equal(['CREDFLD_USERID', 'CREDFLD_CHALLENGE', 'CREDFLD_CHALLENGE_KEY', 'CREDFLD_CHALLENGE_MESSAGE', 'CREDFLD_STATUS_MESSAGE']);
    expect(textOf(xml, 'returnCodeEnum')).to.equal('RET_FAILURE');
    expect(textOf(xml, 'statusCode')).to.equal('1100');
  });

  it('other failures carry no challenge, serial or domain', () => {
    const xml = encodeAuthUserResponse({ status: 'OTP_INCORRECT', reported: 'OTP_INCORRECT', userId: 'jane.doe', domain: 'master', serialNo: 'S', challenge: 'c' }, catalogue);
    expect(resultIds(xml)).to.deep.equal(['CREDFLD_USERID', 'CREDFLD_STATUS_MESSAGE']);
  });

  it('a failure without a user ID still carries the status message and one error', () => {
    const xml = encodeAuthUserResponse({ status: 'MISSINGFLD', reported: 'MISSINGFLD', detail: 'CREDFLD_USERID' }, catalogue);
    expect(resultIds(xml)).to.deep.equal(['CREDFLD_STATUS_MESSAGE']);
    expect(xml.match(/<errors /g)).to.have.length(1);
    expect(textOf(xml, 'errorCode')).to.equal('-16');
  });

  it('generic masking reports the target row and hides the detail', () => {
    const xml = encodeAuthUserResponse({ status: 'NO_USER', reported: 'INVCREDENTIALS', userId: 'ghost', detail: 'no such user ghost' }, catalogue);
    expect(textOf(xml, 'statusCodeEnum')).to.equal('STAT_INVCREDENTIALS');
    expect(textOf(xml, 'statusCode')).to.equal('1000');
    expect(textOf(xml, 'errorDesc')).to.equal('The credentials were invalid.');
    expect(xml).to.not.contain('no such user');
  });

  it('takes number, name and message from the configured catalogue', () => {
    const custom = applyStatusOverrides({ STAT_OTP_REPLAY: { code: 1234, name: 'STAT_REPLAYED', message: 'Used before.' } });
    const xml = encodeAuthUserResponse({ status: 'OTP_REPLAY', reported: 'OTP_REPLAY' }, custom);
    expect([textOf(xml, 'statusCodeEnum'), textOf(xml, 'statusCode'), textOf(xml, 'errorCode'), textOf(xml, 'errorDesc')])
      .to.deep.equal(['STAT_REPLAYED', '1234', '1234', 'Used before.']);
  });

  it('empty resultAttribute and errorStack are typed, never bare', () => {
    const xml = encodeResults({ row: catalogue.SUCCESS, success: true }, [], []);
    expect(xml).to.equal('<results xsi:type="CREDENTIAL-TYPES:CredentialResults"><resultCodes xsi:type="BASIC-TYPES:ResultCodes">'
      + '<returnCodeEnum xsi:type="BASIC-TYPES:ReturnCodeEnum">RET_SUCCESS</returnCodeEnum><statusCodeEnum xsi:type="BASIC-TYPES:StatusCodeEnum">STAT_SUCCESS</statusCodeEnum>'
      + '<returnCode xsi:type="xsd:int">0</returnCode><statusCode xsi:type="xsd:int">0</statusCode></resultCodes>'
      + '<resultAttribute xsi:type="CREDENTIAL-TYPES:CredentialAttributeSet"/><errorStack xsi:type="BASIC-TYPES:ErrorStack"/></results>');
  });

  it('a secret attribute is masked: attributeOptions first, then a masked value, then the ID', () => {
    const xml = encodeResults({ row: catalogue.SUCCESS, success: true }, [{ fld: CREDFLD.STATIC_PASSWORD, value: 'hunter2' }], []);
    expect(xml).to.contain('<attributes xsi:type="CREDENTIAL-TYPES:CredentialAttribute"><attributeOptions><masked>true</masked></attributeOptions>'
      + '<value xsi:type="xsd:string">********</value><attributeID>CREDFLD_STATIC_PASSWORD</attributeID></attributes>');
    expect(xml).to.not.contain('hunter2');
  });

  it('escapes hostile values so the answer stays well-formed and round-trips', () => {
    const hostile = `</value><attributeID>CREDFLD_X</attributeID>&amp;"'<!--\u0001]]>`;
    const xml = encodeAuthUserResponse({ status: 'LOCKED', reported: 'LOCKED', userId: hostile, detail: '<b>&' }, catalogue);
    expect(XMLValidator.validate(xml)).to.equal(true);
    expect(resultIds(xml)).to.deep.equal(['CREDFLD_USERID', 'CREDFLD_STATUS_MESSAGE']);
    const values = parseXml(xml).children[0].children[0].children[0].children[0].children[1].children.map((a) => a.children[0].text);
    expect(values).to.deep.equal([hostile.replace('\u0001', '\uFFFD'), 'The user account is locked; ask an administrator to unlock it (<b>&)']);
  });

  it('encodes a Fault with an escaped faultstring', () => {
    expect(encodeFault('SOAP-ENV:Server', 'a < b & "c"')).to.equal('<?xml version="1.0" encoding="UTF-8"?>\n'
      + '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault>'
      + '<faultcode>SOAP-ENV:Server</faultcode><faultstring>a &lt; b &amp; &quot;c&quot;</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>');
  });
});
