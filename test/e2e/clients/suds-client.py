# The line-driven client of the suds end-to-end test (test/e2e/clients/support.ts describes the lines):
# Python suds (python3-suds) loads both services from the served WSDLs (argv: Authentication WSDL URL,
# Administration WSDL URL); each request line is one call. suds writes an xsd:anyType value without
# xsi:type in document/literal, so a message plugin types each value by its attributeID.
import sys
from suds.client import Client
from suds.plugin import MessagePlugin


class XsiTypes(MessagePlugin):
    """Adds xsi:type to every attribute value of an outgoing request."""
    TYPES = {'CREDFLD_PASSWORD_FORMAT': 'unsignedInt', 'USERFLD_DISABLED': 'boolean'}

    def marshalled(self, context):
        context.envelope.addPrefix('xsd', 'http://www.w3.org/2001/XMLSchema')
        for node in context.envelope.branch():
            attribute_id = node.parent.getChild('attributeID') if node.name == 'value' and node.parent else None
            if attribute_id is not None:
                node.set('xsi:type', 'xsd:' + self.TYPES.get(attribute_id.getText(), 'string'))


auth = Client(sys.argv[1], plugins=[XsiTypes()])
admin = Client(sys.argv[2], plugins=[XsiTypes()])


def attrs(fields):
    """`ID=value` fields (`ID:u=`, `ID:b=` typed by the plugin) -> an attribute set."""
    return {'attributes': [{'attributeID': f.partition('=')[0].partition(':')[0], 'value': f.partition('=')[2]} for f in fields]}


def text(value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return value.isoformat() if hasattr(value, 'isoformat') else '' if value is None else str(value)


def line(results):
    codes = results.resultCodes
    found = getattr(results.resultAttribute, 'attributes', [])
    return '\t'.join([str(codes.statusCodeEnum), str(codes.statusCode)] + [a.attributeID + '=' + text(getattr(a, 'value', None)) for a in found])


def call(f):
    op, rest = f[0], f[1:]
    if op == 'authUser':
        return line(auth.service.authUser(attrs(rest)).results)
    if op == 'getChallenge':
        return line(auth.service.getChallenge(attrs(rest)))
    if op == 'logon':
        return line(admin.service.logon(attrs(rest)))
    if op == 'logoff':
        return line(admin.service.logoff(rest[0]))
    if op in ('userExecute', 'digipassExecute'):
        return line(getattr(admin.service, op)(rest[0], rest[1], attrs(rest[2:])))
    raise ValueError('unknown operation ' + op)


for request in sys.stdin:
    try:
        answer = call(request.rstrip('\n').split('\t'))
    except Exception as e:  # the answer line names it; the harness shows it
        answer = 'ERROR\t-1\tmessage=' + ' '.join((type(e).__name__ + ': ' + str(e)).split())
    print(answer, flush=True)
