// Masking of recorded files (issue 9): secret values become ******** and every other byte stays.
import { expect } from 'chai';
import { MASK, maskSecrets } from '../../src/record/mask.js';
import { attr, requestXml } from './support.js';

const masked = (xml: string | Buffer) => maskSecrets(Buffer.isBuffer(xml) ? xml : Buffer.from(xml));

describe('record: masking secrets', () => {
  it('masks passwords, static passwords, PINs, responses and new/confirm passwords, keeps the rest byte for byte', () => {
    const secrets = ['CREDFLD_PASSWORD', 'CREDFLD_STATIC_PASSWORD', 'CREDFLD_CURRENT_PIN', 'CREDFLD_NEW_PIN', 'CREDFLD_CONFIRM_NEW_PIN',
      'CREDFLD_DP_RESPONSE', 'CREDFLD_NEW_STATIC_PASSWORD', 'CREDFLD_CONFIRM_STATIC_PASSWORD', 'CREDFLD_CONFIRM_NEW_STATIC_PASSWORD', 'CREDFLD_SESSION_ID'];
    const kept = [attr('CREDFLD_USERID', 'jane.doe'), attr('CREDFLD_PASSWORD_FORMAT', '4', 'unsignedInt'), attr('CREDFLD_NOTIFY_PASSWORD_EXPIRE_DATE', '2026-02-01')];
    const xml = requestXml('authUser', [...kept, ...secrets.map((id, i) => attr(id, `s3cret${i}`))]);
    const out = masked(xml);
    expect(out.count).to.equal(secrets.length);
    const text = out.body.toString();
    expect(text).not.to.match(/s3cret/);
    let expected = xml;
    secrets.forEach((_id, i) => { expected = expected.replace(`>s3cret${i}<`, `>${MASK}<`); });
    expect(text).to.equal(expected);
  });

  it('masks sessionID and typed password elements, and values flagged masked=true', () => {
    const xml = '<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><a:logoff xmlns:a="urn:x">'
      + '<sessionID>abc-123</sessionID><credential><staticPassword><![CDATA[p<w]]></staticPassword></credential>'
      + '<newStaticPassword>n3w</newStaticPassword><componentType>SOAP Auth Client</componentType>'
      + '<attributes><attributeOptions><masked>true</masked></attributeOptions><value>hidden</value><attributeID>CREDFLD_X</attributeID></attributes>'
      + '</a:logoff></e:Body></e:Envelope>';
    const text = masked(xml).body.toString();
    expect(text).to.include(`<sessionID>${MASK}</sessionID>`).and.include(`<staticPassword>${MASK}</staticPassword>`)
      .and.include(`<newStaticPassword>${MASK}</newStaticPassword>`).and.include(`<value>${MASK}</value>`)
      .and.include('<componentType>SOAP Auth Client</componentType>');
  });

  it('leaves bytes outside the masked values alone, whatever the charset', () => {
    const latin1 = Buffer.from(requestXml('authUser', [attr('CREDFLD_USERID', 'Zoë'), attr('CREDFLD_PASSWORD', 'pässword')]), 'latin1');
    const out = masked(latin1);
    expect(out.body.toString('latin1')).to.include('Zoë').and.include(`>${MASK}<`).and.not.include('pässword');
    const utf8 = Buffer.from(requestXml('authUser', [attr('CREDFLD_USERID', '山田'), attr('CREDFLD_PASSWORD', '秘密')]));
    expect(masked(utf8).body.toString('utf8')).to.include('山田').and.not.include('秘密');
  });

  it('answers the same bytes when there is nothing to mask', () => {
    const xml = Buffer.from(requestXml('getChallenge', [attr('CREDFLD_USERID', 'bob.ocra'), attr('CREDFLD_CHALLENGE', '12345678')]));
    const out = masked(xml);
    expect(out.count).to.equal(0);
    expect(out.body.equals(xml)).to.equal(true);
  });
});
