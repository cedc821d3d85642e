// One closed-loop load phase (bench/http-load.ts) against a URL with a body made per request, counting
// the answers whose body says what was expected (RET_SUCCESS), so a run that "goes fast" by failing is
// visible.
import { closedLoop } from './http-load.js';

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

/**
 * `expect`: the text an answer must hold to count as the expected outcome (default RET_SUCCESS).
 * `onStart` runs once every connection is open, as the measured window begins.
 */
export async function runPhase(name: string, url: string, connections: number, durationS: number, body: () => string,
  expect = 'RET_SUCCESS', onStart?: () => void): Promise<Omit<PhaseResult, 'rssMb' | 'cpuUs'>> {
  return { name, ...(await closedLoop(url, connections, durationS, body, expect, onStart)) };
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
