// One load phase: autocannon against a URL with a body made per request, counting the answers
// whose body says what was expected (RET_SUCCESS), so a run that "goes fast" by failing is visible.
import autocannon from 'autocannon';

export interface PhaseResult {
  readonly name: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly successes: number;
  readonly errors: number;
  readonly rssMb?: number;
  /** CPU time the server process spent per request, all its threads (bench/cpu.ts). */
  readonly cpuUs?: number;
}

/** `expect`: the text an answer must hold to count as the expected outcome (default RET_SUCCESS). */
export async function runPhase(name: string, url: string, connections: number, durationS: number, body: () => string,
  expect = 'RET_SUCCESS'): Promise<Omit<PhaseResult, 'rssMb' | 'cpuUs'>> {
  let successes = 0;
  const result = await autocannon({
    url, connections, duration: durationS, method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    requests: [{
      setupRequest: (req) => ({ ...req, body: body() }),
      onResponse: (_status: number, text: string) => { if (text.includes(expect)) successes++; },
    }],
  });
  return {
    name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
    requests: result.requests.total, successes, errors: result.errors + result.non2xx + result.timeouts,
  };
}

export function envelope(userId: string, password: string, componentType = 'SOAP Auth Client'): string {
  return '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
    + 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:aut="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Authentication">'
    + '<soapenv:Header/><soapenv:Body><aut:authUser><credentialAttributeSet>'
    + `<attributes><value xsi:type="xsd:string">${componentType}</value><attributeID>CREDFLD_COMPONENT_TYPE</attributeID></attributes>`
    + `<attributes><value xsi:type="xsd:string">${userId}</value><attributeID>CREDFLD_USERID</attributeID></attributes>`
    + '<attributes><value xsi:type="xsd:unsignedInt">0</value><attributeID>CREDFLD_PASSWORD_FORMAT</attributeID></attributes>'
    + `<attributes><value xsi:type="xsd:string">${password}</value><attributeID>CREDFLD_PASSWORD</attributeID></attributes>`
    + '</credentialAttributeSet></aut:authUser></soapenv:Body></soapenv:Envelope>';
}
