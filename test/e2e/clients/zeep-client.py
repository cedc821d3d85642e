# The line-driven client of the zeep end-to-end test (test/e2e/clients/support.ts describes the lines):
# Python zeep (python3-zeep) loads both services from the served WSDLs (argv: Authentication WSDL URL,
# Administration WSDL URL); each request line is one call, values typed with zeep.xsd.AnyObject.
import sys
import zeep
from zeep import xsd

auth = zeep.Client(sys.argv[1])
admin = zeep.Client(sys.argv[2])
XSD = '{http://www.w3.org/2001/XMLSchema}'
TYPES = {'': auth.get_type(XSD + 'string'), 'u': auth.get_type(XSD + 'unsignedInt'), 'b': auth.get_type(XSD + 'boolean')}


def attrs(fields):
    """`ID=value`, `ID:u=value` (xsd:unsignedInt), `ID:b=value` (xsd:boolean) -> an attribute set."""
    out = []
    for field in fields:
        name, _, text = field.partition('=')
        attribute_id, _, kind = name.partition(':')
        value = int(text) if kind == 'u' else text == 'true' if kind == 'b' else text
        out.append({'attributeID': attribute_id, 'value': xsd.AnyObject(TYPES[kind], value)})
    return {'attributes': out}


def text(value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return value.isoformat() if hasattr(value, 'isoformat') else '' if value is None else str(value)


def line(results):
    codes = results['resultCodes']
    found = results['resultAttribute']['attributes'] or []
    return '\t'.join([codes['statusCodeEnum'], str(codes['statusCode'])] + [a['attributeID'] + '=' + text(a['value']) for a in found])


def call(f):
    op, rest = f[0], f[1:]
    if op == 'authUser':
        return line(auth.service.authUser(credentialAttributeSet=attrs(rest))['results'])
    if op == 'getChallenge':
        return line(auth.service.getChallenge(credentialAttributeSet=attrs(rest)))
    if op == 'logon':
        return line(admin.service.logon(attributeSet=attrs(rest)))
    if op == 'logoff':
        return line(admin.service.logoff(sessionID=rest[0]))
    if op in ('userExecute', 'digipassExecute'):
        return line(admin.service[op](sessionID=rest[0], cmd=rest[1], attributeSet=attrs(rest[2:])))
    raise ValueError('unknown operation ' + op)


for request in sys.stdin:
    try:
        answer = call(request.rstrip('\n').split('\t'))
    except Exception as e:  # the answer line names it; the harness shows it
        answer = 'ERROR\t-1\tmessage=' + ' '.join((type(e).__name__ + ': ' + str(e)).split())
    print(answer, flush=True)
