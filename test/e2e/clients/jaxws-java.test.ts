// End to end (issue 19): Java proxies generated and compiled by JAX-WS RI's wsimport from the served WSDLs
// (Debian jaxws, libjaxws-java on a JDK) run the common scenario against one real server.
import { describeGeneratedStack } from './generated.js';

const RUNTIME = '/usr/share/java/jaxws-rt.jar';
const cp = `classes:${RUNTIME}`;
describeGeneratedStack({
  id: 'jaxws-java', present: `command -v wsimport && command -v javac && test -f ${RUNTIME}`,
  driver: 'JaxwsClient.java', driverAs: 'JaxwsClient.java', compile: ['javac', ['-nowarn', '-cp', cp, '-d', 'classes', 'JaxwsClient.java']],
  run: (_work, url) => ['java', ['-cp', cp, 'JaxwsClient', url]],
});
