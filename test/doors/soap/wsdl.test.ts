// The WSDL files (soap-wire.md §2, §4): IDENTIKEY namespaces and type names, StatusCodeEnum equal to
// the status catalogue, and renamed statuses added to the served copy.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyStatusOverrides, STATUS } from '../../../src/domain/status.js';
import { loadWsdlFiles } from '../../../src/doors/soap/wsdl-files.js';
import { catalogue, WSDL_DIR } from './helpers.js';

const read = (name: string) => readFileSync(join(WSDL_DIR, name), 'utf8');
const enumValues = (xsd: string, type: string): string[] => {
  const start = xsd.indexOf(`name="${type}"`);
  const body = xsd.slice(start, xsd.indexOf('</xsd:simpleType>', start));
  return [...body.matchAll(/<xsd:enumeration value="([^"]+)"\/>/g)].map((m) => m[1]);
};

describe('SOAP door: WSDL and XSDs', () => {
  it('StatusCodeEnum lists exactly the catalogue names', () => {
    expect(enumValues(read('BasicTypes.xsd'), 'StatusCodeEnum')).to.have.members(Object.values(STATUS).map((r) => r.name));
    expect(enumValues(read('BasicTypes.xsd'), 'ReturnCodeEnum')).to.deep.equal(['RET_SUCCESS', 'RET_FAILURE']);
  });

  it('a status renamed by configuration is added to the served StatusCodeEnum', () => {
    const files = loadWsdlFiles(WSDL_DIR, applyStatusOverrides({ OTP_REPLAY: { name: 'STAT_REPLAYED' } }));
    expect(enumValues(files.get('BasicTypes.xsd')!, 'StatusCodeEnum')).to.include('STAT_REPLAYED');
    expect(enumValues(loadWsdlFiles(WSDL_DIR, catalogue).get('BasicTypes.xsd')!, 'StatusCodeEnum')).to.not.include('STAT_REPLAYED');
  });

  it('uses the IDENTIKEY namespaces and type names', () => {
    const all = ['BasicTypes.xsd', 'CredentialTypes.xsd', 'AuthenticationTypes.xsd'].map(read).join('\n');
    for (const ns of ['IdentikeyTypes/BasicTypes.xsd', 'IdentikeyTypes/CredentialTypes.xsd', 'IdentikeyTypes/Authentication"']) {
      expect(all).to.contain(`targetNamespace="http://www.vasco.com/IdentikeyServer/${ns}`);
    }
    for (const t of ['ResultCodes', 'ReturnCodeEnum', 'StatusCodeEnum', 'ErrorStack', 'Error', 'CredentialAttributeSet', 'CredentialAttribute', 'CredentialResults', 'AuthUserResults']) {
      expect(all).to.match(new RegExp(`<xsd:(complexType|simpleType) name="${t}">`));
    }
    expect(all).to.contain('<xsd:element name="value" type="xsd:anyType" minOccurs="0"/>');
    expect(all.match(/elementFormDefault="unqualified"/g)).to.have.length(3);
  });

  it('is document/literal with the endpoint at http://localhost:8888/', () => {
    const wsdl = read('Authentication.wsdl');
    expect(wsdl).to.contain('<soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>');
    expect(wsdl).to.not.contain('use="encoded"');
    expect(wsdl).to.contain('<soap:address location="http://localhost:8888/"/>');
  });

  it('declares getChallenge and updatePassword like authUser: element pair, messages, portType and binding', () => {
    const types = read('AuthenticationTypes.xsd');
    const wsdl = read('Authentication.wsdl');
    for (const op of ['authUser', 'getChallenge', 'updatePassword']) {
      expect(types).to.contain(`<xsd:element name="${op}">`).and.to.contain(`<xsd:element name="${op}Response">`);
      expect(wsdl).to.contain(`<wsdl:part name="parameters" element="AUTH-TYPES:${op}"/>`);
      expect(wsdl).to.contain(`<wsdl:part name="parameters" element="AUTH-TYPES:${op}Response"/>`);
      expect(wsdl.match(new RegExp(`<wsdl:operation name="${op}">`, 'g'))).to.have.length(2);
      expect(wsdl).to.contain(`<soap:operation soapAction="${op}" style="document"/>`);
    }
    const response = (op: string) => types.slice(types.indexOf(`<xsd:element name="${op}Response">`), types.indexOf('</xsd:element>', types.indexOf(`<xsd:element name="${op}Response">`)));
    expect(response('getChallenge')).to.contain('<xsd:element name="results" type="CREDENTIAL-TYPES:CredentialResults"/>');
    expect(response('updatePassword')).to.contain('<xsd:element name="results" type="CREDENTIAL-TYPES:CredentialResults"/>');
    expect(response('getChallenge')).to.not.contain('AuthUserResults');
  });
});
