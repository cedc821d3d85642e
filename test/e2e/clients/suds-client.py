# Python suds (python3-suds) client of both served WSDLs, run by dynamic-stacks.test.ts: the scenario of
# scenario.ts in one process (argv[1] = the plan as JSON; the challenge goes out on a line of stdout, the
# answer comes back on stdin; the outcome is the last line). suds writes an xsd:anyType value without
# xsi:type in document/literal, so a message plugin types each value by its attributeID.
import json, sys
from suds.client import Client
from suds.plugin import MessagePlugin

# Values that are not xsd:string, as a real IDENTIKEY server requires them typed.
XSI_TYPES = {'CREDFLD_PASSWORD_FORMAT': 'unsignedInt', 'USERFLD_DISABLED': 'boolean', 'USERFLD_LOCKED': 'boolean'}


class XsiTypes(MessagePlugin):
    """Adds xsi:type to every attribute value of an outgoing request."""

    def marshalled(self, context):
        context.envelope.addPrefix('xsd', 'http://www.w3.org/2001/XMLSchema')
        for node in context.envelope.branch():
            attribute_id = node.parent.getChild('attributeID') if node.name == 'value' and node.parent else None
            if attribute_id is not None:
                node.set('xsi:type', 'xsd:' + XSI_TYPES.get(attribute_id.getText(), 'string'))


plan = json.loads(sys.argv[1])
auth = Client(plan['authWsdl'], plugins=[XsiTypes()])
admin = Client(plan['adminWsdl'], plugins=[XsiTypes()])


def attrs(*items):
    return {'attributes': [{'attributeID': i, 'value': v} for i, v in items]}


def reply(results):
    found = getattr(results.resultAttribute, 'attributes', [])
    return {'status': results.resultCodes.statusCodeEnum, 'attributes': {a.attributeID: getattr(a, 'value', None) for a in found}}


def credentials(user, *more):
    return attrs(('CREDFLD_COMPONENT_TYPE', 'SOAP Auth Client'), ('CREDFLD_USERID', user), ('CREDFLD_PASSWORD_FORMAT', 0), *more)


def auth_user(*more):
    return reply(auth.service.authUser(credentials(*more)).results)


def operations(client):
    return sorted(m.name for m in client.wsdl.services[0].ports[0].methods.values())


out = {'operations': {'auth': operations(auth), 'admin': operations(admin)}}
out['wrongOtp'] = auth_user(plan['user'], ('CREDFLD_PASSWORD', plan['wrongPassword']))
out['authUser'] = auth_user(plan['user'], ('CREDFLD_PASSWORD', plan['password']))
out['replay'] = auth_user(plan['user'], ('CREDFLD_PASSWORD', plan['password']))
out['challenge'] = reply(auth.service.getChallenge(credentials(plan['challengeUser'])))
print(out['challenge']['attributes'].get('CREDFLD_CHALLENGE'), flush=True)
out['answer'] = auth_user(plan['challengeUser'], ('CREDFLD_CHALLENGE_KEY', out['challenge']['attributes'].get('CREDFLD_CHALLENGE_KEY')),
                          ('CREDFLD_PASSWORD', sys.stdin.readline().strip()))

out['logon'] = reply(admin.service.logon(attrs(('CREDFLD_USERID', plan['admin']), ('CREDFLD_DOMAIN', plan['domain']),
    ('CREDFLD_PASSWORD_FORMAT', 0), ('CREDFLD_PASSWORD', plan['adminPassword']))))
session = out['logon']['attributes'].get('CREDFLD_SESSION_ID')
user = (('USERFLD_USERID', plan['newUser']), ('USERFLD_DOMAIN', plan['domain']))
serial = ('DIGIPASSFLD_SERNO', plan['serial'])
out['userCreate'] = reply(admin.service.userExecute(session, 'USERCMD_CREATE', attrs(*user, ('USERFLD_LOCAL_AUTH', 'Default'),
    ('USERFLD_BACKEND_AUTH', 'Default'), ('USERFLD_DISABLED', 'false'), ('USERFLD_LOCKED', 'false'))))
out['userView'] = reply(admin.service.userExecute(session, 'USERCMD_VIEW', attrs(*user)))
out['assign'] = reply(admin.service.digipassExecute(session, 'DIGIPASSCMD_ASSIGN', attrs(serial,
    ('DIGIPASSFLD_ASSIGNED_USERID', plan['newUser']), ('DIGIPASSFLD_DOMAIN', plan['domain']))))
out['digipassView'] = reply(admin.service.digipassExecute(session, 'DIGIPASSCMD_VIEW', attrs(serial)))
out['unassign'] = reply(admin.service.digipassExecute(session, 'DIGIPASSCMD_UNASSIGN', attrs(serial)))
out['userDelete'] = reply(admin.service.userExecute(session, 'USERCMD_DELETE', attrs(*user)))
out['logoff'] = reply(admin.service.logoff(session))
print(json.dumps(out, default=lambda v: v.isoformat() if hasattr(v, 'isoformat') else str(v)))
