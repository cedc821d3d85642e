// The line-driven client of the Apache Axis 1.4 end-to-end test (test/e2e/clients/support.ts describes the
// lines): each request line is one call through the stubs WSDL2Java generated from the served WSDLs.
// Values are Objects: org.apache.axis.types.UnsignedInt goes out as xsd:unsignedInt.
import countersign.administration.AdministrationLocator;
import countersign.administration.AdministrationPortType;
import countersign.administration.DigipassAttribute;
import countersign.administration.DigipassAttributeSet;
import countersign.administration.DigipassCmdEnum;
import countersign.administration.DigipassResults;
import countersign.administration.UserAttribute;
import countersign.administration.UserAttributeSet;
import countersign.administration.UserCmdEnum;
import countersign.administration.UserResults;
import countersign.authentication.AuthenticationLocator;
import countersign.authentication.AuthenticationPortType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.text.SimpleDateFormat;
import java.util.Calendar;
import java.util.TimeZone;
import org.apache.axis.types.UnsignedInt;

public class AxisClient {
  /** The value of `ID=v`, `ID:u=v` (xsd:unsignedInt) or `ID:b=v` (xsd:boolean). */
  static Object value(String typed) {
    String name = typed.substring(0, typed.indexOf('=')), text = typed.substring(typed.indexOf('=') + 1);
    if (name.endsWith(":u")) return new UnsignedInt(Long.parseLong(text));
    if (name.endsWith(":b")) return Boolean.valueOf(text);
    return text;
  }

  static String id(String typed) { return typed.substring(0, typed.indexOf('=')).split(":")[0]; }

  static String text(Object v) {
    if (v instanceof Calendar) {
      SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
      f.setTimeZone(TimeZone.getTimeZone("UTC"));
      return f.format(((Calendar) v).getTime());
    }
    return String.valueOf(v);
  }

  static String head(Object status, int code) { return status + "\t" + code; }

  static countersign.authentication.CredentialAttribute[] authSet(String[] f, int from) {
    countersign.authentication.CredentialAttribute[] set = new countersign.authentication.CredentialAttribute[f.length - from];
    for (int i = from; i < f.length; i++) set[i - from] = new countersign.authentication.CredentialAttribute(null, value(f[i]), id(f[i]));
    return set;
  }

  static countersign.administration.CredentialAttribute[] adminSet(String[] f, int from) {
    countersign.administration.CredentialAttribute[] set = new countersign.administration.CredentialAttribute[f.length - from];
    for (int i = from; i < f.length; i++) set[i - from] = new countersign.administration.CredentialAttribute(null, value(f[i]), id(f[i]));
    return set;
  }

  static String auth(countersign.authentication.CredentialResults r) {
    StringBuilder b = new StringBuilder(head(r.getResultCodes().getStatusCodeEnum(), r.getResultCodes().getStatusCode()));
    if (r.getResultAttribute() != null) for (countersign.authentication.CredentialAttribute a : r.getResultAttribute()) b.append('\t').append(a.getAttributeID()).append('=').append(text(a.getValue()));
    return b.toString();
  }

  static String admin(countersign.administration.CredentialResults r) {
    StringBuilder b = new StringBuilder(head(r.getResultCodes().getStatusCodeEnum(), r.getResultCodes().getStatusCode()));
    if (r.getResultAttribute() != null) for (countersign.administration.CredentialAttribute a : r.getResultAttribute()) b.append('\t').append(a.getAttributeID()).append('=').append(text(a.getValue()));
    return b.toString();
  }

  static String call(String[] f, AuthenticationPortType auth, AdministrationPortType admin) throws Exception {
    switch (f[0]) {
      case "authUser": return auth(auth.authUser(authSet(f, 1)).getResults());
      case "getChallenge": return auth(auth.getChallenge(authSet(f, 1)));
      case "logon": return admin(admin.logon(adminSet(f, 1)));
      case "logoff": return admin(admin.logoff(f[1], null));
      case "userExecute": {
        UserAttribute[] attrs = new UserAttribute[f.length - 3];
        for (int i = 3; i < f.length; i++) attrs[i - 3] = new UserAttribute(null, value(f[i]), id(f[i]));
        UserResults r = admin.userExecute(f[1], UserCmdEnum.fromValue(f[2]), new UserAttributeSet(attrs, null));
        StringBuilder b = new StringBuilder(head(r.getResultCodes().getStatusCodeEnum(), r.getResultCodes().getStatusCode()));
        if (r.getResultAttribute().getAttributes() != null) for (UserAttribute a : r.getResultAttribute().getAttributes()) b.append('\t').append(a.getAttributeID()).append('=').append(text(a.getValue()));
        return b.toString();
      }
      case "digipassExecute": {
        DigipassAttribute[] attrs = new DigipassAttribute[f.length - 3];
        for (int i = 3; i < f.length; i++) attrs[i - 3] = new DigipassAttribute(null, value(f[i]), id(f[i]));
        DigipassResults r = admin.digipassExecute(f[1], DigipassCmdEnum.fromValue(f[2]), new DigipassAttributeSet(attrs, null));
        StringBuilder b = new StringBuilder(head(r.getResultCodes().getStatusCodeEnum(), r.getResultCodes().getStatusCode()));
        if (r.getResultAttribute().getAttributes() != null) for (DigipassAttribute a : r.getResultAttribute().getAttributes()) b.append('\t').append(a.getAttributeID()).append('=').append(text(a.getValue()));
        return b.toString();
      }
      default: throw new IllegalArgumentException("unknown operation " + f[0]);
    }
  }

  public static void main(String[] args) throws Exception {
    AuthenticationPortType auth = new AuthenticationLocator().getAuthenticationPort(new URL(args[0]));
    AdministrationPortType admin = new AdministrationLocator().getAdministrationPort(new URL(args[0]));
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
