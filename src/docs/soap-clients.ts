// The SOAP client stacks that generate a working client from the served WSDLs (issue 19): for each,
// the exact commands an integrator copies, and what works. test/e2e/clients/ runs these very commands
// and the scenario OPERATIONS for every stack; docs/soap-clients.md's table is generated from this list.
import { DYNAMIC_STACKS } from './soap-clients-dynamic.js';

/** The operations of the scenario every stack runs, in order (test/e2e/clients/support.ts). */
export const OPERATIONS = [
  { id: 'authUser', service: 'Authentication', label: 'authUser: server PIN + OTP' },
  { id: 'replay', service: 'Authentication', label: 'authUser: replayed OTP refused' },
  { id: 'wrongOtp', service: 'Authentication', label: 'authUser: wrong OTP refused' },
  { id: 'getChallenge', service: 'Authentication', label: 'getChallenge' },
  { id: 'answerChallenge', service: 'Authentication', label: 'authUser: challenge answered' },
  { id: 'logon', service: 'Administration', label: 'logon' },
  { id: 'userCreate', service: 'Administration', label: 'userExecute USERCMD_CREATE' },
  { id: 'userView', service: 'Administration', label: 'userExecute USERCMD_VIEW (xsd:dateTime kept)' },
  { id: 'digipassAssign', service: 'Administration', label: 'digipassExecute DIGIPASSCMD_ASSIGN' },
  { id: 'digipassView', service: 'Administration', label: 'digipassExecute DIGIPASSCMD_VIEW (application names)' },
  { id: 'logoff', service: 'Administration', label: 'logoff' },
] as const;

export type OperationId = (typeof OPERATIONS)[number]['id'];

export interface ClientStack {
  /** Short key: the test file is test/e2e/clients/<id>.test.ts (the run-time loaded stacks: dynamic-stacks.test.ts). */
  readonly id: string;
  readonly name: string;
  /** Debian packages that provide the tools (.ci/run installs them); empty for a package from npm. */
  readonly debian: string;
  /** The npm package, for a stack installed with npm (a devDependency here). */
  readonly npm?: string;
  /**
   * Shell commands, run in an empty folder with AUTH_WSDL and ADMIN_WSDL set to the served WSDLs'
   * URLs (`http://host:8888/?wsdl`, `http://host:8888/?wsdl=Administration`): they generate and build
   * the proxies of both services.
   */
  readonly commands: readonly string[];
  /** For a stack that loads its client from the WSDL at run time: the call that loads both, in the stack's language. */
  readonly load?: { readonly language: string; readonly code: string };
  /** How a program uses the proxies: sending xsd:unsignedInt, reading values. Markdown. */
  readonly usage: string;
  /** Operations that do not work with this stack, with the reason (the test checks that they fail). */
  readonly notWorking?: Readonly<Partial<Record<OperationId, string>>>;
}

/** Apache Axis 1.4 and what it needs at run time, as Debian's libaxis-java installs them. */
export const AXIS_CLASSPATH = ['axis', 'jaxrpc', 'commons-logging', 'commons-discovery', 'wsdl4j', 'saaj'].map((j) => `/usr/share/java/${j}.jar`).join(':');

const GENERATED_STACKS: readonly ClientStack[] = [
  {
    id: 'mono-csharp', name: 'C# (Mono `wsdl` + `mcs`)', debian: 'mono-devel',
    commands: [
      'wsdl -nologo -namespace:Countersign.Authentication -out:Authentication.cs "$AUTH_WSDL"',
      'wsdl -nologo -namespace:Countersign.Administration -out:Administration.cs "$ADMIN_WSDL"',
      'mcs -nologo -target:library -out:Countersign.Soap.dll -r:System.Web.Services.dll Authentication.cs Administration.cs',
    ],
    usage: 'Attribute values are `object`: a `uint` goes out as `xsd:unsignedInt` (the password format), '
      + 'a `bool` as `xsd:boolean`; `xsd:dateTime` values come back as `DateTime`. Credential attribute sets are '
      + 'plain arrays (`CredentialAttribute[]`); user and digipass answers are `UserAttributeSet` / `DigipassAttributeSet`.',
  },
  {
    id: 'jaxws-java', name: 'Java (JAX-WS RI `wsimport`)', debian: 'jaxws libjaxws-java',
    commands: [
      'mkdir -p src classes',
      'wsimport -quiet -keep -s src -d classes -p countersign.authentication "$AUTH_WSDL"',
      'wsimport -quiet -keep -s src -d classes -p countersign.administration "$ADMIN_WSDL"',
    ],
    usage: 'Run with `-cp classes:/usr/share/java/jaxws-rt.jar` (Java 11 and later no longer ship JAX-WS). Attribute values are '
      + '`Object`; JAXB writes a `Long` as `xsd:long`, so send `xsd:unsignedInt` as a DOM element that carries '
      + '`xsi:type="xsd:unsignedInt"` (JAXB copies its attributes and text); a `Boolean` goes out as `xsd:boolean`. '
      + '`xsd:dateTime` values come back as `XMLGregorianCalendar`, strings as `String`.',
  },
  {
    id: 'gsoap-cpp', name: 'C++ (gSOAP `wsdl2h` + `soapcpp2`)', debian: 'gsoap libgsoap-dev',
    commands: [
      "printf '%s\\n' 'auth = \"http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Authentication\"'"
        + " 'admin = \"http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Administration\"'"
        + " 'cred = \"http://www.vasco.com/IdentikeyServer/IdentikeyTypes/CredentialTypes.xsd\"'"
        + " 'basic = \"http://www.vasco.com/IdentikeyServer/IdentikeyTypes/BasicTypes.xsd\"' > typemap.dat",
      'wsdl2h -p -o countersign.h "$AUTH_WSDL" "$ADMIN_WSDL"',
      'soapcpp2 -j -C -x -I/usr/share/gsoap/import countersign.h',
      'g++ -c soapC.cpp soapAuthenticationBindingProxy.cpp soapAdministrationBindingProxy.cpp',
    ],
    usage: '`typemap.dat` gives the namespaces short C++ prefixes (`auth__`, `admin__`, `cred__`, `basic__`). `wsdl2h -p` '
      + 'makes `xsd__anyType` values polymorphic: send `xsd__unsignedInt_` for the password format, `xsd__string_`, '
      + '`xsd__boolean_`; read answers with `dynamic_cast` (`xsd__dateTime_` holds a `time_t`). Use one header for both '
      + 'services, include one `.nsmap`, and link the objects with `-lgsoap++`.',
  },
  {
    id: 'axis-java', name: 'Java (Apache Axis 1.4 `WSDL2Java`)', debian: 'libaxis-java',
    commands: [
      `java -cp ${AXIS_CLASSPATH} org.apache.axis.wsdl.WSDL2Java -o src -p countersign.authentication "$AUTH_WSDL"`,
      `java -cp ${AXIS_CLASSPATH} org.apache.axis.wsdl.WSDL2Java -o src -p countersign.administration "$ADMIN_WSDL"`,
      `mkdir -p classes && javac -nowarn -cp ${AXIS_CLASSPATH} -d classes $(find src -name '*.java')`,
    ],
    usage: 'Run with `-cp classes:` and the same jars. Attribute values are `Object`: `org.apache.axis.types.UnsignedInt` '
      + 'goes out as `xsd:unsignedInt`, `Boolean` as `xsd:boolean`; `xsd:dateTime` values come back as `Calendar`. Credential '
      + 'attribute sets are arrays; get the ports from `AuthenticationLocator` and `AdministrationLocator` with the endpoint URL. '
      + 'WSDL2Java ignores `anyAttribute` and types query rows (`attributeList`) as `UserAttribute[][]`; the queries are not '
      + 'part of this scenario.',
  },
];

export const CLIENT_STACKS: readonly ClientStack[] = [...GENERATED_STACKS, ...DYNAMIC_STACKS];

/** docs/soap-clients.md's generated part: the stack × operation table, then each stack's commands. */
export function soapClientsMarkdown(stacks: readonly ClientStack[] = CLIENT_STACKS): string {
  const mark = (st: ClientStack, op: OperationId) => (st.notWorking?.[op] === undefined ? 'works' : 'no (see below)');
  const anchor = (heading: string) => heading.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
  const header = `| operation | service | ${stacks.map((st) => `[${st.name}](#${anchor(st.name)})`).join(' | ')} |`;
  const rule = `|---|---|${stacks.map(() => '---|').join('')}`;
  const rows = OPERATIONS.map((op) => `| ${op.label} | ${op.service} | ${stacks.map((st) => mark(st, op.id)).join(' | ')} |`);
  const install = (st: ClientStack) => (st.npm ? `npm: \`npm install ${st.npm}\`.` : `Debian: \`apt-get install ${st.debian}\`.`);
  const block = (language: string, lines: readonly string[]) => ['', `\`\`\`${language}`, ...lines, '```', ''];
  const how = (st: ClientStack) => [
    ...(st.commands.length === 0 ? [] : [`${install(st)} Generate and build both services' proxies:`,
      ...block('sh', ['AUTH_WSDL="http://localhost:8888/?wsdl"', 'ADMIN_WSDL="http://localhost:8888/?wsdl=Administration"', ...st.commands])]),
    ...(st.load ? [`${st.commands.length === 0 ? `${install(st)} ` : ''}Load both services' clients from the served WSDLs:`, ...block(st.load.language, [st.load.code])] : []),
  ];
  const sections = stacks.map((st) => [
    `### ${st.name}`, '',
    ...how(st),
    st.usage,
    ...Object.entries(st.notWorking ?? {}).map(([op, why]) => `\n- ${op}: ${why}`),
  ].join('\n'));
  return [header, rule, ...rows, '', ...sections.flatMap((x) => [x, ''])].join('\n').trim();
}
