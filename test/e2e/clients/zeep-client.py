# Python zeep (python3-zeep) client of both served WSDLs, run by dynamic-stacks.test.ts: the scenario of
# scenario.ts in one process (argv[1] = the plan as JSON; the challenge goes out on a line of stdout, the
# answer comes back on stdin; the outcome is the last line). Values carry their xsi:type via AnyObject.
import json, sys
import zeep
from zeep import xsd

plan = json.loads(sys.argv[1])
auth = zeep.Client(plan['authWsdl'])
admin = zeep.Client(plan['adminWsdl'])
TYPES = {t: auth.get_type('{http://www.w3.org/2001/XMLSchema}' + t) for t in ('string', 'unsignedInt', 'boolean')}


def attrs(*items):
    """[(attributeID, value[, xsd type])] -> an attribute set whose values carry their xsi:type."""
    return {'attributes': [{'attributeID': i[0], 'value': xsd.AnyObject(TYPES[i[2] if len(i) > 2 else 'string'], i[1])} for i in items]}


def reply(results):
    found = results['resultAttribute']['attributes'] or []
    return {'status': results['resultCodes']['statusCodeEnum'], 'attributes': {a['attributeID']: a['value'] for a in found}}


def credentials(user, *more):
    return attrs(('CREDFLD_COMPONENT_TYPE', 'SOAP Auth Client'), ('CREDFLD_USERID', user), ('CREDFLD_PASSWORD_FORMAT', 0, 'unsignedInt'), *more)


def auth_user(*more):
    return reply(auth.service.authUser(credentialAttributeSet=credentials(*more))['results'])


out = {'operations': {'auth': sorted(auth.service._binding._operations), 'admin': sorted(admin.service._binding._operations)}}
out['wrongOtp'] = auth_user(plan['user'], ('CREDFLD_PASSWORD', plan['wrongPassword']))
out['authUser'] = auth_user(plan['user'], ('CREDFLD_PASSWORD', plan['password']))
out['replay'] = auth_user(plan['user'], ('CREDFLD_PASSWORD', plan['password']))
out['challenge'] = reply(auth.service.getChallenge(credentialAttributeSet=credentials(plan['challengeUser'])))
print(out['challenge']['attributes'].get('CREDFLD_CHALLENGE'), flush=True)
out['answer'] = auth_user(plan['challengeUser'], ('CREDFLD_CHALLENGE_KEY', out['challenge']['attributes'].get('CREDFLD_CHALLENGE_KEY')),
                          ('CREDFLD_PASSWORD', sys.stdin.readline().strip()))

out['logon'] = reply(admin.service.logon(attributeSet=attrs(('CREDFLD_USERID', plan['admin']), ('CREDFLD_DOMAIN', plan['domain']),
    ('CREDFLD_PASSWORD_FORMAT', 0, 'unsignedInt'), ('CREDFLD_PASSWORD', plan['adminPassword']))))
session = out['logon']['attributes'].get('CREDFLD_SESSION_ID')
user = (('USERFLD_USERID', plan['newUser']), ('USERFLD_DOMAIN', plan['domain']))
serial = ('DIGIPASSFLD_SERNO', plan['serial'])
out['userCreate'] = reply(admin.service.userExecute(session, 'USERCMD_CREATE', attrs(*user, ('USERFLD_LOCAL_AUTH', 'Default'),
    ('USERFLD_BACKEND_AUTH', 'Default'), ('USERFLD_DISABLED', False, 'boolean'), ('USERFLD_LOCKED', False, 'boolean'))))
out['userView'] = reply(admin.service.userExecute(session, 'USERCMD_VIEW', attrs(*user)))
out['assign'] = reply(admin.service.digipassExecute(session, 'DIGIPASSCMD_ASSIGN', attrs(serial,
    ('DIGIPASSFLD_ASSIGNED_USERID', plan['newUser']), ('DIGIPASSFLD_DOMAIN', plan['domain']))))
out['digipassView'] = reply(admin.service.digipassExecute(session, 'DIGIPASSCMD_VIEW', attrs(serial)))
out['unassign'] = reply(admin.service.digipassExecute(session, 'DIGIPASSCMD_UNASSIGN', attrs(serial)))
out['userDelete'] = reply(admin.service.userExecute(session, 'USERCMD_DELETE', attrs(*user)))
out['logoff'] = reply(admin.service.logoff(sessionID=session))
print(json.dumps(out, default=lambda v: v.isoformat()))
