// OCRA against every RFC 6287 Appendix C vector (one-way, mutual, signature); suite parsing; challenges.
import { expect } from 'chai';
import {
  generateChallenge, ocra, ocraMatches, ocraPinHash, ocraSuite, ocraTimeStep, OcraInputError, OcraSuiteError, parseOcraSuite,
} from '../../src/otp/ocra.js';
import { loadVectors, type OcraVectors } from './vectors.js';

const v = loadVectors<OcraVectors>('ocra.json');

describe('otp/ocra: RFC 6287 Appendix C', () => {
  it('holds all 70 vectors of the appendix', () => {
    expect(v.groups.reduce((n, g) => n + g.cases.length, 0)).to.equal(70);
  });
  for (const g of v.groups) {
    describe(`${g.section}: ${g.suite}`, () => {
      const suite = parseOcraSuite(g.suite);
      const key = Buffer.from(g.key, 'hex');
      for (const c of g.cases) {
        const label = [c.counter !== undefined ? `C=${c.counter}` : '', `Q=${c.question}`, c.timeStep ? `T=0x${c.timeStep}` : ''].filter(Boolean).join(' ');
        it(`${label} → ${c.response}`, () => {
          const input = {
            question: c.question,
            counter: c.counter,
            pinHash: c.pin !== undefined ? ocraPinHash(suite, c.pin) : undefined,
            timeStep: c.timeStep !== undefined ? parseInt(c.timeStep, 16) : undefined,
          };
          expect(ocra(suite, key, input)).to.equal(c.response);
          expect(ocraMatches(suite, key, input, Buffer.from(c.response))).to.equal(true);
          const wrong = String((Number(c.response) + 1) % 10 ** suite.digits).padStart(suite.digits, '0');
          expect(ocraMatches(suite, key, input, Buffer.from(wrong))).to.equal(false);
        });
      }
    });
  }

  it('the T1M time step of 2008-03-25T12:06:00Z is the appendix value 0x132D0B6', () => {
    expect(ocraTimeStep(ocraSuite('OCRA-1:HOTP-SHA512-8:QN08-T1M'), Date.UTC(2008, 2, 25, 12, 6, 59))).to.equal(0x132d0b6);
  });
});

describe('otp/ocra: suite strings', () => {
  it('parses the suites of the spec', () => {
    expect(parseOcraSuite('OCRA-1:HOTP-SHA1-6:QN08')).to.deep.include({
      algorithm: 'SHA1', digits: 6, counter: false, challenge: { format: 'N', length: 8 }, pin: null, sessionBytes: 0, timeStepS: 0,
    });
    expect(parseOcraSuite('OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1')).to.deep.include({ algorithm: 'SHA256', digits: 8, counter: true, pin: 'SHA1' });
    expect(parseOcraSuite('OCRA-1:HOTP-SHA512-8:QN08-T1M')).to.deep.include({ algorithm: 'SHA512', timeStepS: 60 });
    expect(parseOcraSuite('OCRA-1:HOTP-SHA1-6:QA10-S064-T30S')).to.deep.include({ challenge: { format: 'A', length: 10 }, sessionBytes: 64, timeStepS: 30 });
    expect(parseOcraSuite('OCRA-1:HOTP-SHA1-8:QH40-T1H')).to.deep.include({ challenge: { format: 'H', length: 40 }, timeStepS: 3600 });
    expect(parseOcraSuite('OCRA-1:HOTP-SHA512-10:C-QH16-T48H')).to.deep.include({ counter: true, digits: 10, timeStepS: 48 * 3600 });
  });

  const invalid = [
    'this_is_not_a_suite', 'OCRA-2:HOTP-SHA1-6:QN08', 'OCRA-1::QA08', 'OCRA-1:HOTP-SHA1-6:', 'OCRA-1:HOTP-SHA1-6:C',
    'OCRA-1:HOTP-SHA1-6:C-', 'OCRA-1:HOTP-SHA1-1:QA08', 'OCRA-1:HOTP-SHA1-0:QN08', 'OCRA-1:HOTP-SHA1-11:QN08',
    'OCRA-1:HOTP-SHA-6:QN08', 'OCRA-1:HOTP-MD5-6:QN08', 'OCRA-1:HTOP-SHA1-6:QN08', 'OCRA-1:HOTP-SHA1-6:QX08',
    'OCRA-1:HOTP-SHA1-6:QN03', 'OCRA-1:HOTP-SHA1-6:QN65', 'OCRA-1:HOTP-SHA1-6:QN08-T60S', 'OCRA-1:HOTP-SHA1-6:QN08-T49H',
    'OCRA-1:HOTP-SHA1-6:QN08-T1X', 'OCRA-1:HOTP-SHA1-6:QN08-T', 'OCRA-1:HOTP-SHA1-6:QN08-T0M', 'OCRA-1:HOTP-SHA1-6:QN08-PMD5',
    'OCRA-1:HOTP-SHA1-6:QN08-S000', 'OCRA-1:HOTP-SHA1-6:QN08-C', 'OCRA-1:HOTP-SHA1-6:QN08-T1M-PSHA1', 'OCRA-1:HOTP-SHA1-6:QN08-QN08',
    'OCRA-1:HOTP-SHA1-6:QN08:extra', 'ocra-1:hotp-sha1-6:qn08',
  ];
  for (const text of invalid) {
    it(`refuses "${text}"`, () => {
      expect(() => parseOcraSuite(text)).to.throw(OcraSuiteError);
    });
  }

  it('caches parsed suites', () => {
    expect(ocraSuite('OCRA-1:HOTP-SHA1-6:QN08')).to.equal(ocraSuite('OCRA-1:HOTP-SHA1-6:QN08'));
  });
});

describe('otp/ocra: inputs', () => {
  const key = Buffer.from('12345678901234567890');
  const plain = ocraSuite('OCRA-1:HOTP-SHA1-6:QN08');
  const counter = ocraSuite('OCRA-1:HOTP-SHA1-6:C-QN08');

  it('requires exactly the inputs the suite names', () => {
    expect(() => ocra(counter, key, { question: '12345678' })).to.throw(OcraInputError, /counter/);
    expect(() => ocra(plain, key, { question: '12345678', counter: 1 })).to.throw(OcraInputError, /no a counter/);
    expect(() => ocra(plain, key, { question: '12345678', timeStep: 1 })).to.throw(OcraInputError);
  });

  it('refuses malformed challenges', () => {
    expect(() => ocra(plain, key, { question: '' })).to.throw(OcraInputError);
    expect(() => ocra(plain, key, { question: '1234abcd' })).to.throw(OcraInputError);
    expect(() => ocra(ocraSuite('OCRA-1:HOTP-SHA1-6:QH08'), key, { question: '12g4' })).to.throw(OcraInputError);
    expect(() => ocra(ocraSuite('OCRA-1:HOTP-SHA1-6:QA08'), key, { question: 'é' })).to.throw(OcraInputError);
  });

  it('QN reads the challenge as a number: the same value in QH hex gives the same response', () => {
    const qh = ocraSuite('OCRA-1:HOTP-SHA1-6:QH08');
    const asHex = ocra(qh, key, { question: (12345678).toString(16) });
    const qhAsQn = ocra(ocraSuite('OCRA-1:HOTP-SHA1-6:QN08'), key, { question: '12345678' });
    expect(asHex).to.match(/^\d{6}$/);
    expect(qhAsQn).to.not.equal(asHex, 'the suite string is part of the data input, so the suites differ');
    expect(ocra(plain, key, { question: '00000000' })).to.equal(ocra(plain, key, { question: '0' }));
  });

  it('session information is bounded by Snnn', () => {
    const s = ocraSuite('OCRA-1:HOTP-SHA1-6:QN08-S004');
    expect(ocra(s, key, { question: '1', session: Buffer.from([1, 2, 3, 4]) })).to.match(/^\d{6}$/);
    expect(() => ocra(s, key, { question: '1', session: Buffer.alloc(5) })).to.throw(OcraInputError);
    expect(ocra(s, key, { question: '1', session: Buffer.from([1, 2]) })).to.equal(ocra(s, key, { question: '1', session: Buffer.from([1, 2, 0, 0]) }));
  });
});

describe('otp/ocra: generateChallenge', () => {
  const fixed = (byte: number) => ({ bytes: (n: number) => Buffer.alloc(n, byte) });
  let seq = 0;
  const counting = { bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => seq++ & 0xff)) };

  it('gives the suite length in the suite format', () => {
    expect(generateChallenge({ format: 'N', length: 8 }, counting)).to.match(/^\d{8}$/);
    expect(generateChallenge({ format: 'H', length: 16 }, counting)).to.match(/^[0-9A-F]{16}$/);
    expect(generateChallenge({ format: 'A', length: 10 }, counting)).to.match(/^[0-9A-Z]{10}$/);
  });

  it('depends on the injected randomness only', () => {
    expect(generateChallenge({ format: 'N', length: 8 }, fixed(0))).to.equal('00000000');
    expect(generateChallenge({ format: 'N', length: 4 }, fixed(1))).to.equal(String(0x0101 % 10).repeat(4));
    expect(generateChallenge({ format: 'N', length: 8 }, fixed(7))).to.not.equal(generateChallenge({ format: 'N', length: 8 }, fixed(9)));
  });
});
