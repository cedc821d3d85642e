// The line-driven client of the JAX-WS end-to-end test (test/e2e/clients/support.ts describes the lines):
// each request line is one call through the proxies wsimport generated from the served WSDLs. JAXB maps
// a Java Long to xsd:long, so an xsd:unsignedInt value is given as a DOM element carrying that xsi:type.
import countersign.administration.Administration;
import countersign.administration.AdministrationPortType;
import countersign.administration.DigipassAttribute;
import countersign.administration.DigipassAttributeSet;
import countersign.administration.DigipassCmdEnum;
import countersign.administration.DigipassResults;
import countersign.administration.UserAttribute;
import countersign.administration.UserAttributeSet;
import countersign.administration.UserCmdEnum;
import countersign.administration.UserResults;
import countersign.authentication.Authentication;
import countersign.authentication.AuthenticationPortType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.ws.BindingProvider;
import org.w3c.dom.Document;

public class JaxwsClient {
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  static Document doc;

  /** The value of `ID=v`, `ID:u=v` (xsd:unsignedInt) or `ID:b=v` (xsd:boolean). */
  static Object value(String typed) {
    String name = typed.substring(0, typed.indexOf('=')), text = typed.substring(typed.indexOf('=') + 1);
    if (name.endsWith(":b")) return Boolean.valueOf(text);
    if (!name.endsWith(":u")) return text;
    org.w3c.dom.Element e = doc.createElementNS(null, "value");
    e.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsd", "http://www.w3.org/2001/XMLSchema");
    e.setAttributeNS(XSI, "xsi:type", "xsd:unsignedInt");
    e.setTextContent(text);
    return e;
  }

  static String id(String typed) { return typed.substring(0, typed.indexOf('=')).split(":")[0]; }

  static String text(Object v) {
    if (v instanceof XMLGregorianCalendar) return ((XMLGregorianCalendar) v).toXMLFormat();
    if (v instanceof org.w3c.dom.Element) return ((org.w3c.dom.Element) v).getTextContent();
    return String.valueOf(v);
  }

  static String line(Object status, int code, List<String[]> attrs) {
    StringBuilder b = new StringBuilder(String.valueOf(status)).append('\t').append(code);
    for (String[] a : attrs) b.append('\t').append(a[0]).append('=').append(a[1]);
    return b.toString();
  }

  static countersign.authentication.CredentialAttributeSet authSet(List<String> f) {
    countersign.authentication.CredentialAttributeSet set = new countersign.authentication.CredentialAttributeSet();
    for (String x : f) { countersign.authentication.CredentialAttribute a = new countersign.authentication.CredentialAttribute(); a.setAttributeID(id(x)); a.setValue(value(x)); set.getAttributes().add(a); }
    return set;
  }

  static countersign.administration.CredentialAttributeSet adminSet(List<String> f) {
    countersign.administration.CredentialAttributeSet set = new countersign.administration.CredentialAttributeSet();
    for (String x : f) { countersign.administration.CredentialAttribute a = new countersign.administration.CredentialAttribute(); a.setAttributeID(id(x)); a.setValue(value(x)); set.getAttributes().add(a); }
    return set;
  }

  static String auth(countersign.authentication.CredentialResults r) {
    List<String[]> out = new ArrayList<>();
    for (countersign.authentication.CredentialAttribute a : r.getResultAttribute().getAttributes()) out.add(new String[] { a.getAttributeID(), text(a.getValue()) });
    return line(r.getResultCodes().getStatusCodeEnum().value(), r.getResultCodes().getStatusCode(), out);
  }

  static String admin(countersign.administration.CredentialResults r) {
    List<String[]> out = new ArrayList<>();
    for (countersign.administration.CredentialAttribute a : r.getResultAttribute().getAttributes()) out.add(new String[] { a.getAttributeID(), text(a.getValue()) });
    return line(r.getResultCodes().getStatusCodeEnum().value(), r.getResultCodes().getStatusCode(), out);
  }

  static String call(String[] f, AuthenticationPortType auth, AdministrationPortType admin) {
    List<String> rest = Arrays.asList(f).subList(1, f.length);
    switch (f[0]) {
      case "authUser": return auth(auth.authUser(authSet(rest)).getResults());
      case "getChallenge": return auth(auth.getChallenge(authSet(rest)));
      case "logon": return admin(admin.logon(adminSet(rest)));
      case "logoff": return admin(admin.logoff(f[1], null));
      case "userExecute": {
        UserAttributeSet set = new UserAttributeSet();
        for (String x : rest.subList(2, rest.size())) { UserAttribute a = new UserAttribute(); a.setAttributeID(id(x)); a.setValue(value(x)); set.getAttributes().add(a); }
        UserResults r = admin.userExecute(f[1], UserCmdEnum.fromValue(f[2]), set);
        List<String[]> out = new ArrayList<>();
        for (UserAttribute a : r.getResultAttribute().getAttributes()) out.add(new String[] { a.getAttributeID(), text(a.getValue()) });
        return line(r.getResultCodes().getStatusCodeEnum().value(), r.getResultCodes().getStatusCode(), out);
      }
      case "digipassExecute": {
        DigipassAttributeSet set = new DigipassAttributeSet();
        for (String x : rest.subList(2, rest.size())) { DigipassAttribute a = new DigipassAttribute(); a.setAttributeID(id(x)); a.setValue(value(x)); set.getAttributes().add(a); }
        DigipassResults r = admin.digipassExecute(f[1], DigipassCmdEnum.fromValue(f[2]), set);
        List<String[]> out = new ArrayList<>();
        for (DigipassAttribute a : r.getResultAttribute().getAttributes()) out.add(new String[] { a.getAttributeID(), text(a.getValue()) });
        return line(r.getResultCodes().getStatusCodeEnum().value(), r.getResultCodes().getStatusCode(), out);
      }
      default: throw new IllegalArgumentException("unknown operation " + f[0]);
    }
  }

  public static void main(String[] args) throws Exception {
    doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    AuthenticationPortType auth = new Authentication().getAuthenticationPort();
    AdministrationPortType admin = new Administration().getAdministrationPort();
    ((BindingProvider) auth).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, args[0]);
    ((BindingProvider) admin).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, args[0]);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
    for (String l; (l = in.readLine()) != null;) {
      String answer;
      try { answer = call(l.split("\t"), auth, admin); }
      catch (Exception e) { answer = "ERROR\t-1\tmessage=" + (e.getClass().getSimpleName() + ": " + e.getMessage()).replaceAll("[\t\r\n]", " "); }
      System.out.println(answer);
      System.out.flush();
    }
  }
}
