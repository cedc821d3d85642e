// The client stacks of src/docs/soap-clients.ts that load their client from the served WSDL at run time
// (Perl, Python, PHP, Node.js; SOAP::WSDL generates classes first): the call that loads it, and what
// each needs to send the xsi:type a real IDENTIKEY server requires on an attribute value (xsd:anyType).
import { USERFLD } from '../doors/soap/codec/admin-fields.js';
import { CREDFLD } from '../doors/soap/codec/credfld.js';
import type { ClientStack } from './soap-clients.js';

const XSD = 'http://www.w3.org/2001/XMLSchema';
/** The attributes whose value a real server requires typed other than xsd:string (names from the codec tables). */
const FORMAT = CREDFLD.PASSWORD_FORMAT.id;
const DISABLED = USERFLD.DISABLED.id;
const code = (language: string, ...lines: string[]) => `\n\n\`\`\`${language}\n${lines.join('\n')}\n\`\`\`\n\n`;

export const DYNAMIC_STACKS: readonly ClientStack[] = [
  {
    id: 'soap-lite', name: 'Perl (SOAP::Lite)', debian: 'libsoap-lite-perl', commands: [],
    load: { language: 'perl', code: "my $auth = SOAP::Lite->service('http://localhost:8888/?wsdl');\n"
      + "my $admin = SOAP::Lite->service('http://localhost:8888/?wsdl=Administration');" },
    usage: 'Values: `SOAP::Data->name(value => 0)->type(\'unsignedInt\')`. SOAP::Lite dies on an `xsi:type` it does not know, '
      + 'and every answer carries the server\'s own (`Unrecognized type \'{http://www.vasco.com/IdentikeyServer/IdentikeyTypes/BasicTypes.xsd}ReturnCodeEnum\'`): '
      + 'give both stubs a deserializer that reads such simple values as their text:'
      + code('perl', "package Identikey::Deserializer { use parent -norequire, 'SOAP::Deserializer';",
        '  sub typecast { my ($self, $value, $name, $attrs, $children) = @_; return ref $children ? undef : $value } }',
        '$auth->deserializer(Identikey::Deserializer->new);')
      + '`service()` names the operation element in the WSDL\'s target namespace (`…/Authentication.wsdl`) and adds '
      + '`soap:encodingStyle`; Countersign takes operation elements in any namespace. A repeated element that occurs once '
      + 'comes back as a hash, more often as an array. The test\'s client: `test/e2e/clients/soap-lite-client.pl`.',
  },
  {
    id: 'soap-wsdl', name: 'Perl (SOAP::WSDL `wsdl2perl`)', debian: 'libsoap-wsdl-perl',
    commands: ['wsdl2perl -b lib -p Auth "$AUTH_WSDL"', 'wsdl2perl -b lib -p Admin "$ADMIN_WSDL"'],
    usage: 'SOAP::WSDL neither writes nor reads `xsi:type` (its manual, SOAP::WSDL::Manual::XSD). Left alone, values go '
      + `untyped (\`<value>0</value>\`, which a real server refuses for \`${FORMAT}\`) and no answer deserializes `
      + '(`Can\'t locate object method "attr" via package "SOAP::WSDL::XSD::Typelib::Builtin::anyType"`). Two subclasses '
      + 'fix both without touching the generated code: value classes that write their type, and a typemap that reads '
      + '`xsd:anyType` as a string (the same for `AdminTypemaps::Administration`):'
      + code('perl', 'for my $type (qw(string unsignedInt boolean)) {',
        "  no strict 'refs';",
        '  @{"Identikey::Typed::${type}::ISA"} = ("SOAP::WSDL::XSD::Typelib::Builtin::$type");',
        `  *{"Identikey::Typed::\${type}::serialize_attr"} = sub { qq{ xmlns:xsd="${XSD}" xsi:type="xsd:$type"} };`,
        '}',
        "package Identikey::AuthTypemap { use parent -norequire, 'AuthTypemaps::Authentication';",
        '  sub get_class { my $c = shift->SUPER::get_class(@_);',
        "    return defined $c && $c eq 'SOAP::WSDL::XSD::Typelib::Builtin::anyType' ? 'SOAP::WSDL::XSD::Typelib::Builtin::string' : $c } }",
        "my $auth = AuthInterfaces::Authentication::AuthenticationPort->new({ class_resolver => 'Identikey::AuthTypemap' });",
        "# value => Identikey::Typed::unsignedInt->new({ value => 0 })")
      + 'The interfaces keep the address they were generated from (`soap:address` follows the Host header): pass `proxy` '
      + 'to `new` to point them elsewhere. The test\'s client: `test/e2e/clients/soap-wsdl-client.pl` (run with `perl -Ilib`).',
  },
  {
    id: 'suds', name: 'Python (suds)', debian: 'python3-suds', commands: [],
    load: { language: 'python', code: "auth = suds.client.Client('http://localhost:8888/?wsdl', plugins=[XsiTypes()])\n"
      + "admin = suds.client.Client('http://localhost:8888/?wsdl=Administration', plugins=[XsiTypes()])" },
    usage: 'In document/literal suds writes an `xsd:anyType` value without `xsi:type`, whatever Python type it holds, and a '
      + 'raw `suds.sax.element.Element` given as the value goes out empty (`<value/>`). A message plugin types each value '
      + 'by its attribute ID:'
      + code('python', 'class XsiTypes(suds.plugin.MessagePlugin):',
        `    TYPES = {'${FORMAT}': 'unsignedInt', '${DISABLED}': 'boolean'}`,
        '    def marshalled(self, context):',
        `        context.envelope.addPrefix('xsd', '${XSD}')`,
        '        for node in context.envelope.branch():',
        "            attribute_id = node.parent.getChild('attributeID') if node.name == 'value' and node.parent else None",
        '            if attribute_id is not None:',
        "                node.set('xsi:type', 'xsd:' + self.TYPES.get(attribute_id.getText(), 'string'))")
      + 'Answers come typed (`False`, `0`, `datetime`). The test\'s client: `test/e2e/clients/suds-client.py`.',
  },
  {
    id: 'zeep', name: 'Python (zeep)', debian: 'python3-zeep', commands: [],
    load: { language: 'python', code: "auth = zeep.Client('http://localhost:8888/?wsdl')\nadmin = zeep.Client('http://localhost:8888/?wsdl=Administration')" },
    usage: `Values: \`zeep.xsd.AnyObject(auth.get_type('{${XSD}}unsignedInt'), 0)\`. Answers come typed (\`False\`, \`0\`, \`datetime\`). `
      + 'The test\'s client: `test/e2e/clients/zeep-client.py`.',
  },
  {
    id: 'php', name: 'PHP (SoapClient)', debian: 'php-cli php-soap', commands: [],
    load: { language: 'php', code: "$auth = new SoapClient('http://localhost:8888/?wsdl');\n$admin = new SoapClient('http://localhost:8888/?wsdl=Administration');" },
    usage: `Values: \`new SoapVar(0, XSD_UNSIGNEDINT, 'unsignedInt', '${XSD}')\`. Answers come typed (\`false\`, \`0\`; `
      + '`xsd:dateTime` as its text). The test\'s client: `test/e2e/clients/php-client.php`.',
  },
  {
    id: 'node-soap', name: 'Node.js (`soap`)', debian: '', npm: 'soap', commands: [],
    load: { language: 'js', code: "const auth = await soap.createClientAsync('http://localhost:8888/?wsdl', { attributesKey: '$attributes' });\n"
      + "const admin = await soap.createClientAsync('http://localhost:8888/?wsdl=Administration', { attributesKey: '$attributes' });" },
    usage: `Values: \`{ $value: 0, $attributes: { xsi_type: { type: 'unsignedInt', xmlns: '${XSD}' } } }\`; a plain `
      + '`\'xsi:type\': \'xsd:unsignedInt\'` attribute goes out as written, without declaring `xsd`. `attributesKey` because '
      + 'IDENTIKEY\'s `attributes` element clashes with the client\'s default key. The test\'s client: `test/e2e/clients/node-clients.ts`.',
  },
  {
    id: 'strong-soap', name: 'Node.js (`strong-soap`)', debian: '', npm: 'strong-soap', commands: [],
    load: { language: 'js', code: "soap.createClient('http://localhost:8888/?wsdl', {}, (err, auth) => { /* auth.authUser(args) is a promise of { result } */ });" },
    usage: `Values: \`{ $value: 0, $attributes: { $xsiType: { type: 'unsignedInt', xmlns: '${XSD}' } } }\`. strong-soap 6 needs `
      + 'Node 22; 5.x runs on Node 20. The test\'s client: `test/e2e/clients/node-clients.ts`.',
  },
];
